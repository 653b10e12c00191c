"""Document properties python-docx does not write: what a Word brief declares of itself.

The marking and the dossier it was built from are written as custom properties
(``docProps/custom.xml``), where ``check-release`` reads them back; the printed label in every
header is cross-checked against the declared marking. The issuing organisation is the
extended properties' Company (``docProps/app.xml``), where Word's File > Info shows it.
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
_EXTENDED_TYPE = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
_EXTENDED = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
)
_EXTENDED_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the one format id Word uses for these


def _replace_part(document: Any, name: str, media: str, relationship: str, xml: str) -> None:
    """The package's part of this relationship replaced by ``xml`` (the reference's gone)."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == relationship:
            del package.rels[rel_id]
    part = Part(PackURI(name), media, xml.encode(), package)
    package.relate_to(part, relationship)


def set_extended_properties(document: Any, *, company: str, application: str) -> None:
    """The issuing organisation as Company, and the application that wrote the file."""
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{_EXTENDED_NS}" xmlns:vt="{_VT}">'
        f"<Application>{escape(application)}</Application>"
        f"<Company>{escape(company)}</Company></Properties>"
    )
    _replace_part(document, "/docProps/app.xml", _EXTENDED_TYPE, _EXTENDED, xml)


def set_custom_properties(document: Any, values: Mapping[str, str]) -> None:
    """Replace the package's custom properties (a reference document's included) by
    ``values``, as text properties."""
    items = "".join(
        f'<property fmtid="{_FMTID}" pid="{pid}" name={quoteattr(name)}>'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(sorted(values.items()), start=2)
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{_NS}" xmlns:vt="{_VT}">{items}</Properties>'
    )
    _replace_part(document, "/docProps/custom.xml", _CONTENT_TYPE, _RELATIONSHIP, xml)
