"""The package declares what it imports: a plain `pip install` (any pip from 23 on) gives a
tool that works, not one that fails on the first web page for want of a module a dependency
only suggests."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

import pytest

from .conftest import REPO

SRC = REPO / "src" / "otsreport"
# Modules a dependency of ours imports but declares in a way some pips skip: named by us too.
INDIRECT = {
    # justext (trafilatura's) asks for lxml[html_clean]; pip before 23.3 spells the extra
    # html-clean, finds none and installs without it, and web pages then fail to import.
    "lxml_html_clean": "a saved web page's article (add-source)",
}


# Extras only the project's own work needs: a module the package imports is never only there.
DEVELOPMENT_EXTRAS = {"test", "docs"}


def _declared() -> set[str]:
    """The dependencies, and those of each feature's extra (``distributed``): an optional
    feature imports its modules only when used, and ``doctor`` names the extra."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    specs = list(project["dependencies"])
    for extra, more in project.get("optional-dependencies", {}).items():
        if extra not in DEVELOPMENT_EXTRAS:
            specs += more
    return {_normal(re.split(r"[\s\[<>=!~;]", spec, maxsplit=1)[0]) for spec in specs}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _imported() -> dict[str, Path]:
    """Every top-level module the package's code imports, with a file that does."""
    found: dict[str, Path] = {}
    for file in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(file.read_text(), str(file))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], file)
    return found


def test_every_third_party_import_is_a_declared_dependency() -> None:
    owners = importlib.metadata.packages_distributions()
    declared = _declared()
    missing = []
    for module, file in _imported().items():
        if module in sys.stdlib_module_names or module == "otsreport":
            continue
        distributions = owners.get(module)
        assert distributions, f"{module} (imported by {file.relative_to(REPO)}) is not installed"
        if not {_normal(d) for d in distributions} & declared:
            missing.append(f"{module} ({distributions[0]}, imported by {file.relative_to(REPO)})")
    assert missing == [], "imported but not in pyproject's dependencies: " + ", ".join(missing)


def test_modules_dependencies_may_skip_are_declared_and_importable() -> None:
    owners = importlib.metadata.packages_distributions()
    for module, needed_for in INDIRECT.items():
        distributions = {_normal(d) for d in owners.get(module, [])}
        assert distributions & _declared(), f"declare {module}: {needed_for} needs it"
        __import__(module)


def test_the_web_page_reader_imports_its_cleaner() -> None:
    """What failed on a plain install: trafilatura's justext needs lxml.html.clean."""
    import justext  # noqa: F401
    import lxml.html.clean  # noqa: F401

    from otsreport.authoring.web import read_web_page

    page = "<html><body><article><p>" + "A plain paragraph of fictional text. " * 8
    document = read_web_page(page + "</p></article></body></html>")
    assert document.paragraphs and "fictional" in document.paragraphs[0]


def test_doctor_names_the_feature_a_missing_module_breaks(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    from otsreport import doctor

    real = importlib.import_module

    def without_cleaner(name: str, package: str | None = None) -> object:
        if name == "lxml.html.clean":
            raise ImportError("lxml.html.clean module is now a separate project")
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", without_cleaner)
    findings = {f.name: f for f in doctor._python_features()}
    web = findings["Web pages (add-source)"]
    assert not web.ok and "lxml_html_clean" in str(web) and "pip install" in str(web)
    assert findings["PDF documents (add-source)"].ok
