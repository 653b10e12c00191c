"""The live preview, end to end: a real server on loopback, a real edit, a polling client."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from otsreport.build import BuildOptions
from otsreport.errors import UserError
from otsreport.serve import serve

from .conftest import edit


def fetch(port: int, path: str = "/") -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as answer:
            return answer.status, answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def wait_for(condition: object, seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.1)
    raise AssertionError("condition not met in time")


TERMINAL: list[str] = []


@pytest.fixture
def server(dossier_copy: Path) -> Iterator[int]:
    stop = threading.Event()
    ports: list[int] = []
    TERMINAL.clear()
    options = BuildOptions(dossier=dossier_copy, audiences=["press"])
    thread = threading.Thread(
        target=serve,
        args=(options, 0),
        kwargs={"announce": TERMINAL.append, "stop": stop, "ready": ports.append},
        daemon=True,
    )
    thread.start()
    wait_for(lambda: ports)
    yield ports[0]
    stop.set()
    thread.join(timeout=10)


def test_serves_the_brief_and_rebuilds_on_edit(server: int, dossier_copy: Path) -> None:
    status, page = fetch(server)
    assert status == 200 and "Press brief" in page and "/__version" in page
    version = fetch(server, "/__version")[1]
    edit(
        dossier_copy / "dossier.yaml",
        "  en: Azerbaijan and Hungary in the Organization of Turkic States",
        "  en: Baku and Budapest in the OTS",
    )
    wait_for(lambda: "Baku and Budapest in the OTS" in fetch(server)[1])
    assert fetch(server, "/__version")[1] != version


def test_errors_show_in_the_page_and_the_server_keeps_running(
    server: int, dossier_copy: Path
) -> None:
    events = dossier_copy / "events.yaml"
    good = events.read_text(encoding="utf-8")
    events.write_text(good.replace("date: 2023-01-30", "date: 2023-02-30"), encoding="utf-8")
    wait_for(lambda: fetch(server)[0] == 500)
    status, page = fetch(server)
    assert status == 500
    assert "events.yaml" in page and "February 2023 has 28 days" in page
    assert any("February 2023 has 28 days" in line for line in TERMINAL)  # and in the terminal
    events.write_text(good, encoding="utf-8")
    wait_for(lambda: fetch(server)[0] == 200)


def test_pdf_is_one_link_away(server: int) -> None:
    with urllib.request.urlopen(f"http://127.0.0.1:{server}/brief.pdf", timeout=60) as answer:
        assert answer.headers["Content-Type"] == "application/pdf"
        assert answer.read(5) == b"%PDF-"


def test_every_registered_format_is_served_with_its_media_type(server: int) -> None:
    """The preview bar links each format the registry has; each is made on request."""
    from otsreport import formats

    status, page = fetch(server)
    assert status == 200
    for fmt in formats.registered():
        if fmt.name != "html":
            assert f'href="/brief.{fmt.suffix}"' in page, fmt.name
    for suffix in ("md", "json"):
        url = f"http://127.0.0.1:{server}/brief.{suffix}"
        with urllib.request.urlopen(url, timeout=60) as answer:
            assert answer.headers["Content-Type"] == formats.get(suffix).media_type
            assert b"TLP:CLEAR" in answer.read()
    assert fetch(server, "/brief.odt")[0] == 404


def test_a_request_for_another_host_is_refused(server: int) -> None:
    """DNS rebinding: a page from evil.example that resolves to 127.0.0.1 gets nothing."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{server}/", headers={"Host": "evil.example"}
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert 400 <= refused.value.code < 500
    assert "Our family is the Turkic world" not in refused.value.read().decode()
    assert fetch(server)[0] == 200


def test_an_edited_template_is_used_at_once_and_its_errors_show_in_the_page(
    tmp_path: Path,
) -> None:
    from otsreport.serve import Preview

    summary = tmp_path / "t" / "sections" / "summary.html.j2"
    summary.parent.mkdir(parents=True)
    summary.write_text("<p>ONE</p>", encoding="utf-8")
    preview = Preview(BuildOptions(audiences=["diplomatic"], template_dirs=[tmp_path / "t"]))
    preview.rebuild()
    assert "<p>ONE</p>" in preview.page
    summary.write_text("<p>TWO</p>", encoding="utf-8")  # same size, maybe the same second
    preview.rebuild()
    assert "<p>TWO</p>" in preview.page and "<p>ONE</p>" not in preview.page
    summary.write_text("{{ 1/0 }}", encoding="utf-8")
    preview.rebuild()
    assert preview.failed and "ZeroDivisionError" in preview.page


PAGED_LOOP = (
    "{% if paged %}{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}"
    "{% endfor %}{% endif %}<p>summary</p>"
)


def test_a_template_that_loops_only_when_paged_gets_an_error_page_in_time(
    tmp_path: Path,
) -> None:
    """The PDF is made in a worker, where the render's timer works (not in the request's
    thread, which nothing can stop)."""
    from otsreport.serve import Preview

    summary = tmp_path / "t" / "sections" / "summary.html.j2"
    summary.parent.mkdir(parents=True)
    summary.write_text(PAGED_LOOP, encoding="utf-8")
    options = BuildOptions(
        audiences=["diplomatic"], template_dirs=[tmp_path / "t"], render_timeout=2
    )
    preview = Preview(options)
    preview.rebuild()
    assert not preview.failed, preview.report  # the screen page does not loop
    started = time.monotonic()
    with pytest.raises(UserError, match="stopped after 2 s"):
        preview.file("pdf")
    assert time.monotonic() - started < 4 + 3  # twice the limit, and starting a worker


def test_a_failing_pdf_is_an_error_page_not_a_dropped_connection(
    server: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from otsreport import serve as module

    def broken(self: object, fmt: str) -> bytes:
        raise KeyError("holder")

    monkeypatch.setattr(module.Preview, "file", broken)
    status, page = fetch(server, "/brief.pdf")
    assert status == 500 and "internal error: KeyError" in page
    assert fetch(server)[0] == 200
