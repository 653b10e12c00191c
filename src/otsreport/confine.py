"""What a template may load into a PDF, and what a PDF may carry: the walls around templates.

A template is the user's, or someone else's: it may load its own stylesheets, fonts and
pictures from the template folders and ``data:`` URLs, and nothing else, so it cannot read
the dossier (the brief is made from the dossier as cut for its reader) or reach the network.
A PDF's attachments are the build's own list: those a template declares are dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final
from urllib.parse import unquote, urlsplit


class _Refused(ValueError):
    pass


def make_fetcher(allowed_roots: Sequence[Path], refused: list[str]) -> Any:
    from weasyprint.urls import URLFetcher

    roots = [root.resolve() for root in allowed_roots]

    class ConfinedFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = urlsplit(url).scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(unquote(urlsplit(url).path)).resolve()
                if path.suffix.lower() in ASSET_SUFFIXES and any(
                    path.is_relative_to(root) for root in roots
                ):
                    return super().fetch(url, headers)
            refused.append(url)
            raise _Refused(f"otsreport refused to load {url}: not an asset of the templates")

    return ConfinedFetcher(allowed_protocols=("file", "data"), allow_redirects=False)


# What a template may load: stylesheets, fonts and pictures; never data or documents.
ASSET_SUFFIXES: Final = frozenset(
    {".css", ".woff", ".woff2", ".ttf", ".otf", ".png", ".jpg", ".jpeg", ".gif", ".svg"} | {".webp"}
)


def own_attachments_only(document: Any) -> Any:
    """A laid-out document without the attachments its HTML declared (``<link
    rel=attachment>``, ``<a rel=attachment>``): only the build's own list is attached."""
    document.metadata.attachments = []
    for page in document.pages:
        page.links[:] = [link for link in page.links if link[0] != "attachment"]
    return document
