"""Editions of a dossier: reading an earlier one, and what changed since, record by record.

| module | owns |
|---|---|
| ``compare`` | two dossiers, record by record through the registry: fields, estimates, markings |
| ``audience`` | the same for one reader: both editions cut, nothing withheld told |
| ``read`` | an edition from a folder, a JSON dossier, an archival PDF or ``git:REV`` |
| ``report`` | a comparison as text or JSON, for ``otsreport diff`` |
"""

from __future__ import annotations

from otsreport.editions.audience import for_audience
from otsreport.editions.compare import Comparison, compare
from otsreport.editions.read import read_edition

__all__ = ["Comparison", "compare", "for_audience", "read_edition"]
