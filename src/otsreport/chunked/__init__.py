"""Chunked layout: a long brief laid out in parts, in parallel, and merged into one PDF.

WeasyPrint lays a document out on one core, and its memory grows with the document. A brief
past a size threshold is therefore cut into parts at block boundaries (``split``), each part
laid out by a worker with the print rules rewritten so that nothing in it depends on the
other parts (``css``), and the parts merged with pikepdf (``merge``): pages, the PDF/UA
structure tree, named destinations, the outline, and "Page X of Y" stamped afterwards as a
pagination artifact. Page numbers that point into other parts (the table of contents, "see
p. N") are printed as literal numbers, and a part is laid out again when its numbers turn
out wrong (``layout``). A stylesheet the parts cannot reproduce (left/right pages, counters
across the document, ...) is laid out whole, and the build says so.
"""
