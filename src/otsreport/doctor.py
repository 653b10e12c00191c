"""`otsreport doctor`: what this machine has for building briefs, and how to get the rest.

Modelled on `weasyprint --info`: each finding names what was checked, what was found, and,
when it is missing, the remedy (Debian/Ubuntu and Fedora packages, or the pip extra).
Building needs Python, WeasyPrint with Pango and HarfBuzz, and fonts that cover the letters
of every language a brief comes in (az, hu, tr); the rest (PDF tools, Chromium, Java) only
the tests use.
"""

from __future__ import annotations

import platform
import shutil
import subprocess
import sys
from dataclasses import dataclass
from typing import Final

LANGUAGES_TO_COVER: Final = ("az", "hu", "tr")
FONT_FAMILIES: Final = ("Noto Serif", "Noto Sans")


@dataclass(frozen=True)
class Finding:
    name: str
    ok: bool
    detail: str
    remedy: str = ""
    required: bool = True  # building cannot work without it

    def __str__(self) -> str:
        status = "ok" if self.ok else ("MISSING" if self.required else "absent")
        line = f"{status:<8} {self.name}: {self.detail}"
        return line if self.ok or not self.remedy else f"{line}\n         -> {self.remedy}"


def examine() -> list[Finding]:
    return [
        _python(),
        *_weasyprint(),
        *_fonts(),
        *_python_features(),
        _cache(),
        *_formats(),
        *_optional_tools(),
    ]


# What each feature imports beyond the core, and the distribution that brings it: a package
# installed by an old pip, or a module removed by hand, shows here, not in the middle of a run.
FEATURE_MODULES: Final = (
    ("Web pages (add-source)", "trafilatura", "trafilatura"),
    ("Web pages (add-source)", "lxml.html.clean", "lxml_html_clean"),
    ("PDF documents (add-source)", "pypdfium2", "pypdfium2"),
    ("Word documents (add-source)", "docx.api", "python-docx"),  # python-docx's module
    ("Round-trip YAML edits (add-source, validate --fix)", "ruamel.yaml", "ruamel.yaml"),
    ("Quotes found despite typos (find, validate)", "rapidfuzz", "rapidfuzz"),
    ("Live preview (serve)", "watchfiles", "watchfiles"),
)


def _python_features() -> list[Finding]:
    """One finding per feature: the modules it imports that this Python cannot."""
    import importlib

    missing: dict[str, list[str]] = {}
    for feature, module, distribution in FEATURE_MODULES:
        missing.setdefault(feature, [])
        try:
            importlib.import_module(module)
        except (ImportError, OSError):
            missing[feature].append(distribution)
    return [
        Finding(
            feature,
            not lacking,
            "Python modules present" if not lacking else f"missing {', '.join(lacking)}",
            f"pip install {' '.join(lacking)} (or reinstall otsreport with pip 23.3 or newer)",
        )
        for feature, lacking in missing.items()
    ]


def _formats() -> list[Finding]:
    """Each registered format and what it needs on this machine (the formats say: Word's
    page count needs LibreOffice, say); a format that needs nothing is simply ready."""
    from otsreport import formats

    found = []
    for fmt in formats.registered():
        needs = fmt.needs() if fmt.needs is not None else []
        if not needs:
            found.append(Finding(f"Format {fmt.name}", True, "ready"))
        for need in needs:
            found.append(
                Finding(
                    f"Format {fmt.name}" + ("" if need.required else " (optional)"),
                    bool(need.found),
                    f"{need.what}: {need.found}" if need.found else f"{need.what}: not found",
                    need.remedy,
                    required=need.required,
                )
            )
    return found


def _python() -> Finding:
    ok = sys.version_info >= (3, 11)
    return Finding("Python", ok, platform.python_version(), "install Python 3.11 or newer")


def _weasyprint() -> list[Finding]:
    remedy = (
        "Debian/Ubuntu: apt install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b "
        "libharfbuzz-subset0; Fedora: dnf install pango harfbuzz"
    )
    try:
        import weasyprint
        from weasyprint.text.ffi import harfbuzz, pango
    except (ImportError, OSError) as error:
        return [Finding("WeasyPrint with Pango and HarfBuzz", False, str(error), remedy)]
    version = int(pango.pango_version())
    pango_text = f"{version // 10000}.{version // 100 % 100}.{version % 100}"
    subset = bool(harfbuzz.hb_version_atleast(2, 0, 0))
    return [
        Finding("WeasyPrint", True, str(weasyprint.__version__)),
        Finding("Pango", version >= 14400, pango_text, remedy + " (Pango 1.44 or newer)"),
        Finding("HarfBuzz", subset, "found" if subset else "too old", remedy),
    ]


def _fonts() -> list[Finding]:
    remedy = (
        "Debian/Ubuntu: apt install fonts-noto-core; "
        "Fedora: dnf install google-noto-serif-fonts google-noto-sans-fonts"
    )
    if shutil.which("fc-list") is None:
        return [Finding("Fonts", False, "fc-list (fontconfig) not found", "install fontconfig")]
    found = []
    for language in LANGUAGES_TO_COVER:
        families = _families(f":lang={language}")
        covered = [f for f in FONT_FAMILIES if f in families]
        found.append(
            Finding(
                f"Fonts for '{language}'",
                len(covered) == len(FONT_FAMILIES),
                ", ".join(covered) or "no Noto Serif or Noto Sans",
                remedy,
            )
        )
    return found


def _families(pattern: str) -> set[str]:
    try:
        listed = subprocess.run(
            ["fc-list", pattern, "family"], capture_output=True, text=True, timeout=30, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return set()
    return {name.strip() for line in listed.splitlines() for name in line.split(",")}


def _cache() -> Finding:
    from otsreport.cache import cache_root

    root = cache_root()
    if root is None:
        return Finding(
            "Cache folder",
            False,
            "off, or not this user's alone (it must be a 0700 folder owned by you)",
            "set OTSREPORT_CACHE_DIR to a folder of your own, or remove the shared one",
            required=False,
        )
    return Finding("Cache folder", True, f"{root} (private)")


def _optional_tools() -> list[Finding]:
    tools = (
        ("pdftoppm", "poppler-utils", "poppler-utils", "page pictures and PDF text in the tests"),
        ("qpdf", "qpdf", "qpdf", "PDF structure checks in the tests"),
        ("chromium", "chromium", "chromium", "HTML screenshots and axe-core in the tests"),
        ("java", "default-jre-headless", "java-latest-openjdk-headless", "the Nu HTML Checker"),
    )
    return [
        Finding(
            f"{command} (optional)",
            shutil.which(command) is not None,
            purpose if shutil.which(command) else f"not found; only for {purpose}",
            f"Debian/Ubuntu: apt install {debian}; Fedora: dnf install {fedora}",
            required=False,
        )
        for command, debian, fedora, purpose in tools
    ]
