"""The release check: does a brief carry text its own marking does not allow, anywhere?

It reads a brief from outside, as a recipient's tools would (``channels``), takes the marking
the brief declares in its metadata (cross-checked with the label it prints, never read from
titles or prose), and looks in every channel for every passage of the dossier that the
dossier cut to that marking leaves out (``passages``). It trusts nothing the build recorded,
so it also catches a template or a tool that leaks. A build runs it on every file before
writing any; ``otsreport check-release`` runs it on files already written.

| module | owns |
|---|---|
| ``passages`` | what a brief of a given banner must not carry, from the dossier |
| ``index`` | that, as plain data a build keeps with its selection |
| ``channels`` | every channel of an HTML, PDF, Word or JSON brief (the readers formats point to) |
"""

from __future__ import annotations

from dataclasses import dataclass, field

from otsreport.check.channels import HTML_MARKING, read_brief
from otsreport.check.index import Index, Matcher, Passage, fold
from otsreport.check.reading import Reading

__all__ = ["Finding", "Index", "Report", "check_reading", "read_brief"]
EXCERPT = 80


@dataclass(frozen=True)
class Finding:
    """A passage found where it must not be, or a marking that does not hold."""

    channel: str
    passage: Passage | None
    message: str = ""

    def __str__(self) -> str:
        if self.passage is None:
            return f"{self.channel}: {self.message}"
        p = self.passage
        shown = p.probe if len(p.probe) <= EXCERPT else p.probe[: EXCERPT - 3] + "..."
        return f'{self.channel}: {p.kind} {p.record}, {p.field} ({p.marking}): "{shown}"'


@dataclass
class Report:
    banner: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.findings


def check_reading(reading: Reading, index: Index) -> Report:
    """Every passage of ``index`` that ``reading`` carries, by channel; and whether the
    brief prints the marking it declares."""
    report = Report(index.banner)
    report.findings += _label_findings(reading, index)
    probes = [p.probe for p in index.passages if not p.word]
    prose = Matcher(probes, [p.probe for p in index.passages if p.word])
    structure = Matcher(probes)  # names are not sought in markup, part names or raw bytes
    seen: set[tuple[str, str]] = set()
    for channel, texts in reading.channels.items():
        matcher = structure if channel in reading.structural else prose
        found = matcher.find(fold("\n".join(texts)))
        for passage in index.passages:
            key = (passage.record, passage.field)
            if key not in seen and passage.probe in found:
                seen.add(key)
                report.findings.append(Finding(channel, passage))
    return report


def _label_findings(reading: Reading, index: Index) -> list[Finding]:
    """The declared marking must print wherever the format puts it (every page, every
    header, the masthead), and no other marking of the scheme may stand there alone."""
    declared = reading.declared.get("otsreport-marking", "")
    if declared != index.banner:
        return [Finding("metadata", None, f"declares '{declared}', expected '{index.banner}'")]
    if not reading.printed:
        return [Finding("page", None, f"the brief prints no marking; it declares {declared}")]
    banner = "".join(index.banner.split())  # a long marking may wrap where it prints
    missing = [place for place, text in reading.printed if banner not in "".join(text.split())]
    found = [Finding(place, None, f"does not print its marking {declared}") for place in missing]
    # The HTML's marking element holds the marking and nothing else: no decoy beside it.
    found += [
        Finding(place, None, f"prints '{' '.join(text.split())}' as its marking, not {declared}")
        for place, text in reading.printed
        if place == HTML_MARKING and " ".join(text.split()) != index.banner
    ]
    return found
