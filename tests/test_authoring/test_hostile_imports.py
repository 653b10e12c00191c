"""Hostile input to the authoring commands: a PDF that inflates to gigabytes, a title that is
not UTF-8 or holds control characters. Each ends with exit 1 or 2 and a message, and leaves
the dossier as it was."""

from __future__ import annotations

import zlib
from pathlib import Path

import pikepdf
import pytest
import yaml

from tests.conftest import run
from tests.test_hostile import assert_user_error, cli


def inflating_pdf(file: Path, megabytes: int) -> Path:
    """A one-page PDF of a few megabytes whose content stream inflates to ``megabytes``."""
    packer = zlib.compressobj(9)
    chunk = b" " * 1024 * 1024
    parts = [packer.compress(b"BT /F1 12 Tf 72 720 Td (Boom) Tj ET\n")]
    parts += [packer.compress(chunk) for _ in range(megabytes)]
    parts.append(packer.flush())
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.pages[0].obj.Contents = pdf.make_stream(b"")
    pdf.pages[0].obj.Contents.write(b"".join(parts), filter=pikepdf.Name.FlateDecode)
    pdf.save(file)
    return file


def test_a_pdf_that_inflates_to_gigabytes_is_a_data_error(tmp_path: Path) -> None:
    folder = tmp_path / "survey"
    assert run("new-dossier", str(folder)).exit_code == 0
    listing = (folder / "sources.yaml").read_bytes()
    bomb = inflating_pdf(tmp_path / "bomb.pdf", 3000)
    assert bomb.stat().st_size < 8 * 1024 * 1024
    code, output, seconds = cli("add-source", str(bomb), "-d", str(folder), timeout=200)
    assert_user_error(code, output, "bomb.pdf", "decompression bomb")
    assert code == 1 and seconds < 150
    assert (folder / "sources.yaml").read_bytes() == listing
    assert list((folder / "sources").iterdir()) == []


@pytest.mark.parametrize(
    ("title", "words"),
    [("Bad \udcff\udcfe title", "not valid UTF-8"), ("Bell \x07 title", "control character")],
)
def test_a_title_that_is_not_clean_utf8_is_a_usage_error(
    tmp_path: Path, title: str, words: str
) -> None:
    result = run("new-dossier", str(tmp_path / "survey"), "--title", title)
    assert result.exit_code == 2 and words in result.output, result.output
    assert not (tmp_path / "survey").exists()


def test_a_folder_name_that_is_not_utf8_is_a_usage_error(tmp_path: Path) -> None:
    result = run("new-dossier", str(tmp_path / "survey\udcff"))
    assert result.exit_code == 2 and "folder's name" in result.output, result.output


def test_any_printable_title_is_written_so_that_it_reads_back(tmp_path: Path) -> None:
    title = 'Lake: "Varen" \\ # not a comment \u2028 – {en: no} [x] & *y ! %z @w `v'
    folder = tmp_path / "survey"
    assert run("new-dossier", str(folder), "--title", title).exit_code == 0
    info = yaml.safe_load((folder / "dossier.yaml").read_text(encoding="utf-8"))
    assert info["title"] == title
    assert run("validate", "-d", str(folder)).exit_code == 0
