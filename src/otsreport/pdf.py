"""PDF output with WeasyPrint: the only module that imports it, and only when a PDF is made.

``import weasyprint`` costs most of a second, so commands that make no PDF never pay it.
The URL fetcher is the security boundary for user templates: it serves ``data:`` URLs and
files under the allowed folders (dossier, template folders, package assets) and refuses
every network URL and every other file.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from otsreport.errors import Problem, UserError


@dataclass
class RenderedPdf:
    data: bytes
    pages: int
    warnings: list[str] = field(default_factory=list)


class _Refused(ValueError):
    pass


def _make_fetcher(allowed_roots: Sequence[Path], refused: list[str]) -> Any:
    from weasyprint.urls import URLFetcher

    roots = [root.resolve() for root in allowed_roots]

    class ConfinedFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = urlsplit(url).scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(unquote(urlsplit(url).path)).resolve()
                if any(path.is_relative_to(root) for root in roots):
                    return super().fetch(url, headers)
            refused.append(url)
            raise _Refused(f"otsreport refused to load {url}: outside the project's folders")

    return ConfinedFetcher(allowed_protocols=("file", "data"), allow_redirects=False)


class _WarningCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def render_pdf(html: str, base_dir: Path, allowed_roots: Sequence[Path]) -> RenderedPdf:
    """Lay out ``html`` as PDF; resources resolve against ``base_dir`` and stay confined."""
    import weasyprint

    refused: list[str] = []
    collector = _WarningCollector()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    try:
        document = weasyprint.HTML(
            string=html,
            base_url=str(base_dir.resolve()) + "/",
            url_fetcher=_make_fetcher(allowed_roots, refused),
        ).render()
        # The same brief always gets the same /ID, so rebuilding gives the same bytes.
        identifier = hashlib.md5(html.encode(), usedforsecurity=False).hexdigest().encode()
        data = document.write_pdf(pdf_identifier=identifier)
    except Exception as error:  # WeasyPrint raises many kinds on bad CSS or HTML
        raise UserError(Problem(f"PDF rendering failed: {error}")) from error
    finally:
        logger.removeHandler(collector)
    warnings = [f"refused to load {url} (outside the project's folders)" for url in refused]
    warnings += [m for m in collector.messages if "refused to load" not in m]
    return RenderedPdf(data, len(document.pages), warnings)
