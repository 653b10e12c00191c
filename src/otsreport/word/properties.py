"""Custom document properties: what a Word brief declares of itself, for the release check.

The marking and the dossier it was built from are written as custom properties
(``docProps/custom.xml``), where ``check-release`` reads them back; the printed label in every
header is cross-checked against the declared marking.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from xml.sax.saxutils import escape, quoteattr

_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_RELATIONSHIP = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
)
_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the one format id Word uses for these


def set_custom_properties(document: Any, values: Mapping[str, str]) -> None:
    """Replace the package's custom properties (a reference document's included) by
    ``values``, as text properties."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == _RELATIONSHIP:
            del package.rels[rel_id]
    items = "".join(
        f'<property fmtid="{_FMTID}" pid="{pid}" name={quoteattr(name)}>'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(sorted(values.items()), start=2)
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{_NS}" xmlns:vt="{_VT}">{items}</Properties>'
    )
    part = Part(PackURI("/docProps/custom.xml"), _CONTENT_TYPE, xml.encode(), package)
    package.relate_to(part, _RELATIONSHIP)
