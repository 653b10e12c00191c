"""Word output (``-f docx``), written with python-docx from the composed brief.

| module | does |
|---|---|
| ``document`` | the frame: cover, contents, sections, headers and footers, properties |
| ``items`` | each kind of item as paragraphs; timeline and actors as tables |
| ``styles`` | styles the reference document lacks |
| ``text`` | composed text into runs, English fallbacks marked as English |
| ``ooxml`` | the XML python-docx does not make: footnotes, fields, header rows |
"""
