"""otsreport: briefing documents for different audiences from one dossier of checked facts."""

from otsreport.errors import Problem, UserError
from otsreport.load import load_dossier
from otsreport.models import Dossier

__version__ = "0.1.0"
__all__ = ["Dossier", "Problem", "UserError", "__version__", "load_dossier"]
