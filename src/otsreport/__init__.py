"""otsreport: briefing documents for different audiences from one dossier of checked facts.

The public names are imported on first use (PEP 562), so ``otsreport --help`` and other
light commands do not pay for pydantic models they never touch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Dossier", "Problem", "UserError", "__version__", "load_dossier"]

if TYPE_CHECKING:
    from otsreport.errors import Problem, UserError
    from otsreport.models import Dossier
    from otsreport.validate import load_dossier

_HOMES = {
    "Dossier": "otsreport.models",
    "Problem": "otsreport.errors",
    "UserError": "otsreport.errors",
    "load_dossier": "otsreport.validate",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        import importlib

        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'otsreport' has no attribute {name!r}")
