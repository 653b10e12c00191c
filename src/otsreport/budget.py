"""An audience's page budget (``max_pages`` in its profile), held the same way for every
paged format: the PDF as WeasyPrint lays it out, the DOCX as LibreOffice does."""

from __future__ import annotations

from otsreport.errors import Problem, UserError


def check_budget(
    audience: str, what: str, pages: int, budget: int | None, allow: bool, warnings: list[str]
) -> None:
    """A brief over its budget fails the build, before anything is written; with
    ``--allow-overflow`` (``allow``) it is built, with a warning. ``what``: 'the PDF'."""
    if budget is None or pages <= budget:
        return
    message = (
        f"audience '{audience}': {what} has {pages} pages, over its budget of {budget} "
        "(max_pages in its profile)"
    )
    if allow:
        warnings.append(message)
        return
    raise UserError(
        Problem(
            message + "; shorten it (detail.max_items, fewer sections) or pass --allow-overflow"
        )
    )
