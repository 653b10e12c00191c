"""The select stage as a build runs it: each audience's brief selected once, and kept.

A selection is cached under a key of everything it was made from, so a build whose dossier,
catalogue and profiles are unchanged renders it again without loading anything.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from otsreport import cache
from otsreport.audiences import Audience, load_audience
from otsreport.cache import toolkit_fingerprint
from otsreport.errors import Problem, UsageError, UserError
from otsreport.i18n import language_of
from otsreport.manifest import tree_digest
from otsreport.paths import CATALOGUE_FILE, builtin_templates_dir
from otsreport.select.selection import Selection
from otsreport.select.views import Brief

if TYPE_CHECKING:
    from otsreport.editions.compare import Comparison
    from otsreport.models import Dossier, SectionDef
    from otsreport.options import BuildOptions
    from otsreport.release import Release
    from otsreport.select.catalogue import Entry


def generator_name() -> str:
    from otsreport import __version__

    return f"otsreport {__version__}"


class Inputs:
    """The dossier, the section catalogue and the audience profiles, each read once, and
    only when a selection is not in the cache."""

    def __init__(self, options: BuildOptions, dossier_dir: Path) -> None:
        self.options = options
        self.dossier_dir = dossier_dir
        self._dossier: Dossier | None = None
        self.digest = ""  # of the dossier's files, which each brief declares
        self._catalogue: dict[str, Entry] | None = None
        self._since: Dossier | None = None

    @property
    def since(self) -> Dossier | None:
        """The earlier edition ``--since`` names (read once), or None."""
        if self._since is None and self.options.since is not None:
            from otsreport.editions import read_edition

            self._since = read_edition(self.options.since, self.dossier_dir)
        return self._since

    @property
    def since_digest(self) -> str:
        earlier = self.since
        if earlier is None:
            return ""
        return hashlib.sha256(earlier.model_dump_json().encode()).hexdigest()

    @property
    def dossier(self) -> Dossier:
        if self._dossier is None:
            from otsreport.validate import load_dossier

            self._dossier = load_dossier(self.dossier_dir)
        return self._dossier

    @property
    def catalogue(self) -> dict[str, Entry]:
        if self._catalogue is None:
            from otsreport.select.catalogue import load_catalogue

            self._catalogue = load_catalogue(self.options.template_dirs)
        return self._catalogue

    def issuer_logo(self, dossier: Dossier) -> str:
        """The issuer's logo as a data: URI, read from the dossier folder (and only from
        it), or "" when the dossier names none or its issuer is withheld."""
        from otsreport.audiences import image_data_uri

        issuer = dossier.info.issuer
        if issuer is None or issuer.logo is None:
            return ""
        folder = self.dossier_dir if self.dossier_dir.is_dir() else self.dossier_dir.parent
        return image_data_uri(folder, folder / "dossier.yaml", issuer.logo, "issuer.logo")

    def select(self, audience: Audience, trim: int = 0) -> Selection:
        """Compose the audience's brief from the dossier cut to its ceiling: sections are
        resolved against the whole dossier (so a topic that exists but is withheld is not
        'unknown'), and filled from the cut, so nothing above the ceiling can be shown;
        ``trim`` items left out to fit its page budget (``fitting.py``)."""
        from otsreport.check.passages import index_for
        from otsreport.release import release
        from otsreport.select.catalogue import resolve
        from otsreport.select.compose import compose_brief

        dossier = self.dossier  # first: the dossier's problems are reported before the profile's
        profile = audience.profile
        asked = self.options.sections
        entries = resolve(
            profile, audience.profile_file, audience.profile_lines, self.catalogue, dossier, asked
        )
        cut = release_for(dossier, audience)
        entries = [entry for entry in entries if _released_section(entry.spec, dossier, cut)]
        changes, entries = self._changes(dossier, cut, entries)
        language = self.options.lang or language_of(profile.locale)
        stamp = build_stamp(dossier)
        brief = compose_brief(
            cut.dossier,
            audience.name,
            profile,
            [entry.spec for entry in entries],
            generator=generator_name(),
            logo=self.issuer_logo(cut.dossier) or audience.logo,
            language=language,
            modified=stamp.date(),
            withheld=cut.describe() if cut.count else "",
            withheld_count=cut.count,
            dossier_digest=self.digest,
            changes=changes,
            trim=trim,
        )
        brief = _finished(brief, audience, cut)
        _refuse_empty(asked, brief, audience, cut)
        sections = tuple(entry.spec.id for entry in entries)
        # What the brief may carry: the cut already made, when its banner is the ceiling.
        banner_cut = cut if brief.marking == cut.ceiling else release(dossier, brief.marking)
        return Selection(
            dossier.info.id,
            sections,
            language,
            brief,
            stamp,
            profile.max_pages,
            released_json=released_json(banner_cut.dossier),
            check=index_for(dossier, brief.marking, banner_cut, furniture(brief)),
            formats=tuple(profile.formats or ()),
        )

    def _changes(
        self, dossier: Dossier, cut: Release, entries: list[Entry]
    ) -> tuple[Comparison | None, list[Entry]]:
        """What changed since ``--since``, as both editions are cut for this reader, and the
        sections with "What changed" placed (not added to a brief of ``-s`` sections)."""
        if self.since is None:
            return None, entries
        from otsreport.editions import for_audience
        from otsreport.select.changes import placed

        changes = for_audience(self.since, dossier, cut.ceiling)
        return changes, entries if self.options.sections else placed(entries, self.catalogue)


def _finished(brief: Brief, audience: Audience, cut: Release) -> Brief:
    """The composed brief with its catalogue record and its sources in the profile's style."""
    from otsreport.select.bibliography import with_references
    from otsreport.select.metadata import catalogued

    return with_references(catalogued(brief), audience, cut.dossier.sources)


def released_json(dossier: Dossier) -> str:
    """The cut dossier as the JSON a brief carries (an archival PDF's attachment, an
    edition record, the data exports), each citation with its quote's selector."""
    import json

    from otsreport.select.anchors import with_selectors

    data = with_selectors(dossier.model_dump(mode="json"))
    return json.dumps(data, indent=2, ensure_ascii=False)


def furniture(brief: Brief) -> list[str]:
    """The brief's own words, not the dossier's: its audience's and its sections' titles
    (a withheld name that is one of them is no leak when they print it). Not its groups'
    titles: those are the toolkit's words or a topic's or actor's name, whose marking the
    banner counts, so a withheld one is still sought."""
    words = [brief.audience_title, brief.distribution]
    for section in brief.sections:
        words += [section.title, section.lead]
    return [str(w) for w in words if w]


def _released_section(spec: SectionDef, dossier: Dossier, cut: Release) -> bool:
    """A section prints only when its query names nothing withheld and, if it is one of the
    dossier's own (its title and lead the dossier's words), when the cut kept it."""
    own = any(spec is section for section in dossier.info.sections)
    kept = any(spec is section for section in cut.dossier.info.sections)
    return cut.allows(spec.where) and (kept or not own)


def release_for(dossier: Dossier, audience: Audience) -> Release:
    """The dossier cut to the audience's ceiling, read in the dossier's marking scheme."""
    from otsreport.markings import MarkingError, scheme_of
    from otsreport.release import release

    profile = audience.profile
    scheme = scheme_of(dossier.info.marking_scheme)
    declared = profile.marking_scheme
    if declared is not None and declared != scheme.name:
        raise UserError(
            Problem(
                f"audience '{audience.name}' is written for the marking scheme '{declared}', "
                f"but the dossier uses '{scheme.name}'; use a profile of that scheme",
                audience.profile_file,
            )
        )
    try:
        return release(dossier, profile.marking)
    except MarkingError as error:
        line = audience.profile_lines(("marking",))
        raise UserError(
            Problem(str(error), audience.profile_file, line, audience.name, "marking")
        ) from None


def _refuse_empty(asked: Sequence[str], brief: Brief, audience: Audience, cut: Release) -> None:
    """A section asked for by name that shows nothing is a usage error, not a silent gap
    (nor a brief at the lowest marking made of nothing); a brief with nothing releasable
    at its ceiling is a data error (a dossier with no records yet builds its frame)."""
    shown = {view.id for view in brief.sections}
    ceiling = audience.profile.marking
    empty = [name for name in asked if name not in shown]
    if empty:
        names = ", ".join(repr(n) for n in empty)
        raise UsageError(
            Problem(
                f"section {names} has nothing releasable to audience '{audience.name}' at its "
                f"ceiling {ceiling} in this dossier; choose other sections or another audience"
            )
        )
    if not brief.sections and cut.count:
        raise UserError(
            Problem(
                f"audience '{audience.name}' would get an empty brief: nothing in this "
                f"dossier is releasable at its ceiling {ceiling} ({cut.describe()}); raise "
                "the ceiling or mark records lower",
                audience.profile_file,
            )
        )


def selection_key(
    options: BuildOptions,
    name: str,
    folder: Path,
    dossier_digest: str,
    catalogue_digest: str,
    since_digest: str = "",
) -> str:
    """Everything a selection is made from: toolkit, dossier, catalogue, profile, options."""
    parts = [
        toolkit_fingerprint(),
        f"dossier={dossier_digest}",
        f"catalogue={catalogue_digest}",
        f"audience={name}",
        f"folder={folder.resolve()}",
        f"profile={tree_digest(folder)}",
        f"sections={','.join(options.sections)}",
        f"lang={options.lang}",
        f"epoch={os.environ.get('SOURCE_DATE_EPOCH', '')}",
        f"since={since_digest}",
    ]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def catalogue_digest(template_dirs: Sequence[Path]) -> str:
    """The section catalogue files that exist now, built-in and the user's."""
    files = [Path(d) / CATALOGUE_FILE for d in template_dirs]
    files.append(builtin_templates_dir() / CATALOGUE_FILE)
    return hashlib.sha256(
        "\0".join(f"{f}:{tree_digest(f) if f.is_file() else '-'}" for f in files).encode()
    ).hexdigest()


def selected(
    inputs: Inputs, name: str, folder: Path, dossier_digest: str, catalogue: str, trim: int = 0
) -> Selection:
    """The audience's brief (with ``trim`` items left out to fit its budget), from the cache
    when nothing it is made from has changed."""
    key = selection_key(
        inputs.options, name, folder, dossier_digest, catalogue, inputs.since_digest
    )
    key = key if not trim else f"{key}-trim{trim}"
    cached = cache.get_selection(key)
    if isinstance(cached, Selection):
        return cached
    audience = load_audience(name, folder=folder)
    selection = inputs.select(audience, trim)
    cache.put_selection(key, selection)
    return selection


def build_stamp(dossier: Dossier) -> datetime:
    """The one date a build writes into files: SOURCE_DATE_EPOCH if set, else the dossier's.

    Never the clock, so two builds of the same inputs are byte-identical.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    day = dossier.info.as_of.start.first_day
    return datetime(day.year, day.month, day.day, tzinfo=UTC)
