"""Editions of a dossier: reading an earlier one, and what changed since, record by record.

| module | owns |
|---|---|
| ``compare`` | two dossiers, record by record through the registry: fields, estimates, markings |
| ``audience`` | the same for one reader: both editions cut, nothing withheld told |
| ``read`` | an edition: a folder, a JSON dossier, an archival PDF, an edition record, ``git:REV`` |
| ``report`` | a comparison as text or JSON, for ``otsreport diff`` |

A brief's own edition record (``AUDIENCE.edition.json``) is ``otsreport.edition``, apart
from this package: every build writes one, and a rebuild from the cache must not load the
models that comparing editions needs.
"""

from __future__ import annotations

from otsreport.editions.audience import for_audience
from otsreport.editions.compare import Comparison, compare
from otsreport.editions.read import read_edition

__all__ = ["Comparison", "compare", "for_audience", "read_edition"]
