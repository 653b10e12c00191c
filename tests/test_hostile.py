"""A corpus of attacks: hostile templates, data, PDFs and paths. Every case must end with
exit 1 or 2, say what is wrong, show no traceback and no "bug in otsreport", within its time
bound, and leak nothing."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from otsreport.errors import UserError
from otsreport.paths import sample_dossier_dir

from .conftest import put, run

OTSREPORT = [sys.executable, "-m", "otsreport"]


def cli(*args: str, timeout: float = 60) -> tuple[int, str, float]:
    """The real command in a process of its own, as a user runs it."""
    started = time.monotonic()
    done = subprocess.run(
        [*OTSREPORT, *args], capture_output=True, text=True, timeout=timeout, check=False
    )
    return done.returncode, done.stdout + done.stderr, time.monotonic() - started


def assert_user_error(code: int, output: str, *words: str) -> None:
    assert code in (1, 2), output
    assert "Traceback" not in output and "bug in otsreport" not in output, output
    for word in words:
        assert word in output, output


TEMPLATES = {
    "division-by-zero": ("{{ 1/0 }}", "ZeroDivisionError"),
    "pop-empty-list": ("{{ [].pop() }}", "IndexError"),
    "includes-itself": ('{% include "sections/summary.html.j2" %}', "without end"),
    "recursive-macro": ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "without end"),
    "huge-range": ("{{ range(10**9) }}", "Range too big"),
    "format-map": ("{{ '{x}'.format_map({}) }}", "KeyError"),
    "huge-repeat": ("{{ 'x' * 10**10 }}", "more than 1,000,000 items"),
    "huge-power": ("{{ 10**(10**9) }}", "exponent"),
    "huge-padding": ("{{ 'x'.ljust(10**10) }}", "memory"),
    "python-internals": ("{{ brief.__class__.__mro__ }}", "summary.html.j2"),
}


def build_with_summary(tmp_path: Path, template: str, *options: str) -> tuple[int, str, float]:
    """The diplomatic brief, HTML only, with ``template`` as its summary section."""
    put(tmp_path / "t" / "sections" / "summary.html.j2", template)
    return cli(
        "build", "-t", str(tmp_path / "t"), "-a", "diplomatic", "-f", "html",
        *options, "-o", str(tmp_path / "o"),
    )  # fmt: skip


@pytest.mark.parametrize("case", sorted(TEMPLATES))
def test_a_hostile_template_is_a_user_error(tmp_path: Path, case: str) -> None:
    text, words = TEMPLATES[case]
    code, output, seconds = build_with_summary(tmp_path, text)
    assert_user_error(code, output, words)
    assert seconds < 30 and not (tmp_path / "o").exists()


def test_a_runaway_template_stops_at_the_render_timeout(tmp_path: Path) -> None:
    runaway = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
    code, output, seconds = build_with_summary(tmp_path, runaway, "--render-timeout", "2")
    assert_user_error(code, output, "summary.html.j2", "--render-timeout")
    assert seconds < 20


def test_lipsum_is_capped(tmp_path: Path) -> None:
    code, output, seconds = build_with_summary(tmp_path, "{{ lipsum(n=10**7) }}")
    assert code == 0, output
    assert seconds < 30


def _dossier(tmp_path: Path) -> Path:
    folder = tmp_path / "d"
    shutil.copytree(sample_dossier_dir(), folder)
    return folder


DATA = {
    "yaml-int-tag": ("dossier.yaml", "as_of: 2026-11-27", "as_of: !!int x", "not a whole number"),
    "yaml-bool-tag": ("dossier.yaml", "as_of: 2026-11-27", "as_of: !!bool x", "not true or false"),
    "yaml-empty-float": ("dossier.yaml", "as_of: 2026-11-27", "as_of: !!float", "not a number"),
    "yaml-5000-digits": (
        "dossier.yaml",
        "as_of: 2026-11-27",
        "as_of: " + "9" * 5000,
        "dossier.yaml:",
    ),
    "yaml-python-tag": (
        "dossier.yaml",
        "as_of: 2026-11-27",
        "as_of: !!python/object:os.system x",
        "not allowed",
    ),
}


@pytest.mark.parametrize("case", sorted(DATA))
def test_hostile_yaml_is_a_data_error(tmp_path: Path, case: str) -> None:
    name, old, new, words = DATA[case]
    folder = _dossier(tmp_path)
    path = folder / name
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    code, output, _ = cli("validate", "-d", str(folder))
    assert_user_error(code, output, words)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('{"info": ' + "9" * 5000 + "}", "malformed JSON"),
        ("[" * 100_000 + "]" * 100_000, "nested too deep"),
        ("{not json", "malformed JSON"),
        ('{"info": {}, "sources": []}', "dossier.json"),
    ],
    ids=["5000-digits", "100k-deep", "not-json", "empty-records"],
)
def test_hostile_json_is_a_data_error(tmp_path: Path, content: str, words: str) -> None:
    (tmp_path / "dossier.json").write_text(content, encoding="utf-8")
    code, output, _ = cli("validate", "-d", str(tmp_path / "dossier.json"))
    assert_user_error(code, output, words)


def test_a_far_future_date_builds(tmp_path: Path) -> None:
    folder = _dossier(tmp_path)
    events = folder / "events.yaml"
    events.write_text(
        events.read_text(encoding="utf-8").replace("date: 2010\n", "date: 9999\n", 1),
        encoding="utf-8",
    )
    code, output, _ = cli("build", "-d", str(folder), "-a", "research", "-o", str(tmp_path / "o"))
    assert code == 0, output


@pytest.mark.parametrize("where", ["events.yaml", "sources/azerbaijan-hungary-ots.txt"])
def test_a_fifo_in_the_dossier_is_refused_not_waited_on(tmp_path: Path, where: str) -> None:
    folder = _dossier(tmp_path)
    (folder / where).unlink()
    os.mkfifo(folder / where)
    code, output, seconds = cli(
        "build", "-d", str(folder), "-f", "html", "-o", str(tmp_path / "o"), timeout=60
    )
    assert_user_error(code, output, "not a regular file")
    assert output.count("\n") <= 3  # one root cause, one message
    assert seconds < 30


def test_a_fifo_as_logo_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "t" / "audiences" / "branded"
    put(
        folder / "audience.yaml",
        "title: B\ndescription: d\nsections: [timeline]\nmarking: TLP:CLEAR\n"
        "citations: none\nlocale: en_GB\ntheme:\n  logo: logo.png\n",
    )
    os.mkfifo(folder / "logo.png")
    code, output, _ = cli(
        "build", "-t", str(tmp_path / "t"), "-a", "branded", "-f", "html", "-o", str(tmp_path / "o")
    )
    assert_user_error(code, output, "not a regular file", "theme.logo")


def test_paths_the_system_refuses_are_user_errors(tmp_path: Path) -> None:
    code, output, _ = cli("new-audience", "x", "--dir", "/proc/otsreport-x")
    assert_user_error(code, output, "cannot create the audience")
    code, output, _ = cli("build", "-a", "press", "-f", "html", "-o", str(tmp_path / ("x" * 300)))
    assert_user_error(code, output, "too long")


def test_a_damaged_manifest_is_ignored(tmp_path: Path) -> None:
    out = tmp_path / "o"
    assert run("build", "-a", "press", "-f", "html", "-o", str(out)).exit_code == 0
    manifest = out / ".otsreport-manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["outputs"]["press.html"]["templates"] = 5
    manifest.write_text(json.dumps(data), encoding="utf-8")
    result = run("build", "-a", "press", "-f", "html", "-o", str(out))
    assert result.exit_code == 0 and "1 built" in result.output


def test_stale_temporaries_of_a_killed_build_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "o"
    out.mkdir()
    stale = out / ".press.html.abcd1234.tmp"
    stale.write_text("half a brief", encoding="utf-8")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    fresh = out / ".research.html.efgh5678.tmp"  # another build may be writing this one
    fresh.write_text("being written", encoding="utf-8")
    assert run("build", "-a", "press", "-f", "html", "-o", str(out)).exit_code == 0
    assert not stale.exists() and fresh.exists()


def _pdf(tmp_path: Path, name: str, build: object) -> Path:
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    build(pdf)  # type: ignore[operator]
    path = tmp_path / name
    pdf.save(path)
    return path


def _attach(pdf: object, data: bytes) -> None:
    import pikepdf

    pdf.attachments["dossier.json"] = pikepdf.AttachedFileSpec(pdf, data)  # type: ignore[attr-defined]


def test_hostile_pdfs_are_user_errors(tmp_path: Path) -> None:
    import zlib

    import pikepdf

    cases = {}
    cases["not-a-pdf"] = tmp_path / "not.pdf"
    cases["not-a-pdf"].write_bytes(b"%PDF-1.7\n garbage")
    cases["no-attachment"] = _pdf(tmp_path, "none.pdf", lambda pdf: None)
    cases["empty-attachment"] = _pdf(tmp_path, "empty.pdf", lambda pdf: _attach(pdf, b""))
    cases["too-big"] = _pdf(
        tmp_path, "big.pdf", lambda pdf: _attach(pdf, b"0" * (200 * 1024 * 1024))
    )
    encrypted = tmp_path / "encrypted.pdf"
    with pikepdf.open(cases["no-attachment"]) as source:
        _attach(source, b"{}")
        source.save(encrypted, encryption=pikepdf.Encryption(owner="o", user="u"))
    cases["encrypted"] = encrypted

    def missing_ef(pdf: pikepdf.Pdf) -> None:
        _attach(pdf, b"{}")
        names = pdf.Root.Names.EmbeddedFiles.Names
        del names[1].EF

    cases["missing-ef"] = _pdf(tmp_path, "noef.pdf", missing_ef)

    def bomb(pdf: pikepdf.Pdf) -> None:
        _attach(pdf, b"{}")
        spec = pdf.Root.Names.EmbeddedFiles.Names[1]
        stream = spec.EF.F
        stream.write(
            zlib.compress(b"\0" * (1500 * 1024 * 1024), 9), filter=pikepdf.Name.FlateDecode
        )

    cases["decompression-bomb"] = _pdf(tmp_path, "bomb.pdf", bomb)
    for name, path in cases.items():
        code, output, seconds = cli(
            "extract", str(path), "-o", str(tmp_path / f"{name}.json"), timeout=120
        )
        assert_user_error(code, output)
        assert seconds < 90, name
        assert not (tmp_path / f"{name}.json").exists(), name


def test_extract_never_replaces_a_link_or_device(tmp_path: Path, sample_build: Path) -> None:
    archive = tmp_path / "a"
    assert (
        run(
            "build", "-a", "research", "-f", "pdf", "--pdf-variant", "archive", "-o", str(archive)
        ).exit_code
        == 0
    )
    target = tmp_path / "link.json"
    target.symlink_to("/dev/null")
    code, output, _ = cli("extract", str(archive / "research.pdf"), "-o", str(target))
    assert_user_error(code, output, "not a regular file")
    assert target.is_symlink() and str(target.readlink()) == "/dev/null"


def test_a_dead_pdf_worker_ends_the_build_with_an_error(tmp_path: Path) -> None:
    from otsreport.pdf import PdfJob
    from otsreport.pdfjobs import PdfWorkers, render_jobs

    with PdfWorkers(1) as workers:
        workers.start()
        time.sleep(0.5)
        for process in list(workers.pool._processes.values()):  # type: ignore[attr-defined]
            os.kill(process.pid, signal.SIGKILL)
        job = PdfJob(html="<p>x</p>", base_dir=tmp_path, allowed_roots=(tmp_path,))
        with pytest.raises(UserError, match="worker process died"):
            render_jobs([job], workers)


def test_the_cache_folder_is_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from otsreport import cache

    private = tmp_path / "cache"
    monkeypatch.setenv("OTSREPORT_CACHE_DIR", str(private))
    assert cache.cache_root() == private
    assert (private.stat().st_mode & 0o777) == 0o700
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "x").mkdir()
    (tmp_path / "linked").symlink_to(shared / "x")
    monkeypatch.setenv("OTSREPORT_CACHE_DIR", str(tmp_path / "linked"))
    assert cache.cache_root() is None  # a link: not trusted, so nothing is loaded from it
    assert run("build", "-a", "press", "-f", "html", "-o", str(tmp_path / "o")).exit_code == 0
