"""Every page of every audience's PDF, compared with a committed picture of it.

A layout change nobody meant (a stylesheet edit that pushes a heading to the foot of a page,
a font that stops being found) shows up here even when every text check passes. When the
change is meant, regenerate the pictures with one command and commit them:

    OTSREPORT_UPDATE_PAGE_IMAGES=1 .venv/bin/python -m pytest tests/test_page_images.py

Pages are drawn small and grey (36 dpi), so the pictures stay small and anti-aliasing noise
stays below the tolerance, while a moved paragraph does not.
"""

from __future__ import annotations

import os
from pathlib import Path

import pypdfium2
import pytest
from PIL import Image, ImageChops

REFERENCES = Path(__file__).resolve().parent / "page-images"
UPDATE = os.environ.get("OTSREPORT_UPDATE_PAGE_IMAGES") == "1"
SCALE = 0.5  # 36 dpi
# A page differs when more than this share of its pixels changed by more than a quarter tone.
TOLERANCE = 0.006
AUDIENCES = ["executive", "diplomatic", "press", "research"]


def page_images(pdf: Path) -> list[Image.Image]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [page.render(scale=SCALE, grayscale=True).to_pil().convert("L") for page in document]
    finally:
        document.close()


def changed_share(one: Image.Image, other: Image.Image) -> float:
    if one.size != other.size:
        return 1.0
    difference = ImageChops.difference(one, other).point(lambda v: 255 if v > 64 else 0)
    histogram = difference.histogram()
    return histogram[255] / (one.size[0] * one.size[1])


@pytest.mark.parametrize("audience", AUDIENCES)
def test_pages_look_as_committed(sample_build: Path, audience: str) -> None:
    pages = page_images(sample_build / f"{audience}.pdf")
    if UPDATE:
        for old in REFERENCES.glob(f"{audience}-*.png"):
            old.unlink()
        REFERENCES.mkdir(exist_ok=True)
        for number, image in enumerate(pages, 1):
            image.save(REFERENCES / f"{audience}-{number:02d}.png", optimize=True)
    committed = sorted(REFERENCES.glob(f"{audience}-*.png"))
    assert committed, f"no page images for {audience}: see this file's docstring"
    assert len(pages) == len(committed), (
        f"{audience}: {len(pages)} pages, {len(committed)} committed; if meant, regenerate "
        "(see this file's docstring)"
    )
    for number, (image, reference) in enumerate(zip(pages, committed, strict=True), 1):
        share = changed_share(image, Image.open(reference).convert("L"))
        assert share <= TOLERANCE, (
            f"{audience} page {number}: {share:.1%} of the page changed; if meant, regenerate "
            "(see this file's docstring)"
        )


def test_a_moved_paragraph_is_caught(sample_build: Path) -> None:
    page = page_images(sample_build / "executive.pdf")[0]
    moved = ImageChops.offset(page, 0, 4)  # everything 4 pixels (2 mm) lower
    assert changed_share(page, page) == 0
    assert changed_share(page, moved) > TOLERANCE
