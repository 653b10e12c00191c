"""Live preview: serve one audience's brief on loopback and rebuild it when an input changes.

Template authors need to see a change at once. The page polls a version number and reloads
when it moves; every other registered format (the PDF, Word, Markdown...) is made on request
at ``/brief.SUFFIX`` and served with its format's media type. A mistake in the data or a
template is shown in the page (and the terminal) and the server keeps running.
"""

from __future__ import annotations

import gc
import html
import http.server
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from otsreport import formats
from otsreport.audiences import audience_folders
from otsreport.build import render
from otsreport.errors import UserError
from otsreport.options import BuildOptions
from otsreport.paths import builtin_templates_dir, sample_dossier_dir

RELOAD_SCRIPT = """
<script>
(() => {{
  let seen = {version};
  setInterval(async () => {{
    try {{
      const answer = await fetch("/__version", {{cache: "no-store"}});
      if (Number(await answer.text()) !== seen) location.reload();
    }} catch (error) {{}}
  }}, 700);
}})();
</script>
<p class="preview-bar" style="position:fixed;bottom:0;right:0;margin:0;padding:.3rem .6rem;
background:#1d232b;color:#fff;font:12px sans-serif">live preview · {links}</p>
"""
SCREEN_FORMAT = "html"  # the page served at /, rebuilt on every change


def _links() -> str:
    """A link to each other registered format, as the preview bar shows them."""
    return " · ".join(
        f'<a style="color:#fff" href="/brief.{html.escape(fmt.suffix)}">{html.escape(fmt.name)}</a>'
        for fmt in formats.registered()
        if fmt.name != SCREEN_FORMAT
    )


def _format_at(path: str) -> formats.OutputFormat | None:
    """The format served at ``path`` ('/brief.pdf'), or None."""
    if not path.startswith("/brief."):
        return None
    suffix = path.removeprefix("/brief.")
    found = [f for f in formats.registered() if f.suffix == suffix and f.name != SCREEN_FORMAT]
    return found[0] if found else None


@dataclass
class Preview:
    """The current state of the served brief: rebuilt on every change, read by requests."""

    options: BuildOptions
    version: int = 0
    page: str = ""
    failed: bool = False
    report: str = ""  # the problems of the last failed rebuild, for the terminal too
    lock: threading.Lock = field(default_factory=threading.Lock)
    # Pango, under WeasyPrint, is not thread-safe: requests get their files one at a time.
    file_lock: threading.Lock = field(default_factory=threading.Lock)

    def rebuild(self) -> None:
        try:
            result = render(replace(self.options, formats=(SCREEN_FORMAT,)))
            body, failed, report = result.outputs[0].data.decode("utf-8"), False, ""
        except UserError as error:
            body, failed, report = _error_page(error), True, error.report()
        except Exception as error:  # a bug: say so in the page, and keep serving
            bug = _bug(error)
            body, failed, report = _error_page(bug), True, bug.report()
        with self.lock:
            self.version += 1
            self.page = body.replace(
                "</body>", RELOAD_SCRIPT.format(version=self.version, links=_links()) + "</body>"
            )
            self.failed = failed
            self.report = report

    def file(self, fmt: str) -> bytes:
        """The brief in format ``fmt``, made in a worker process: a request thread cannot be
        stopped, so a template that loops only when paged would hang it; in the worker's
        main thread the render's timer works, and a PDF's layout goes to a worker of its
        own, also bounded."""
        from otsreport.pdfjobs import PdfWorkers

        options = replace(self.options, formats=(fmt,))
        # Past the template render's and the layout's limits, with room to start the workers.
        backstop = 3 * options.render_timeout + 30
        with self.file_lock, PdfWorkers(1) as worker:
            future = worker.submit(_file_bytes, options)
            try:
                return bytes(future.result(timeout=backstop))
            except TimeoutError:
                raise UserError(
                    f"the {fmt} file took over {backstop:g} s and was stopped; the data, "
                    "templates or stylesheet ask for too much (see --render-timeout)"
                ) from None

    def watched(self) -> list[Path]:
        """Dossier, template folders and audience folders: every input of the brief."""
        paths = [self.options.dossier or sample_dossier_dir(), builtin_templates_dir()]
        paths += list(self.options.template_dirs)
        return [p for p in paths if p.exists()]


def _file_bytes(options: BuildOptions) -> bytes:
    """Runs in a worker process (see ``Preview.file``)."""
    return render(options).outputs[0].data


def _error_page(error: UserError) -> str:
    items = "".join(f"<li><code>{html.escape(str(p))}</code></li>" for p in error.problems)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Build failed</title>'
        "</head><body><h1>The brief could not be built</h1>"
        f"<p>Fix these and save; the page reloads by itself.</p><ul>{items}</ul></body></html>"
    )


def _bug(error: Exception) -> UserError:
    return UserError(f"internal error: {type(error).__name__}: {error} (a bug; please report it)")


def _local_host(host: str) -> bool:
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    return name.lower() in ("localhost", "127.0.0.1", "[::1]")


def _handler(preview: Preview) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if not _local_host(self.headers.get("Host", "")):
                # DNS rebinding: a page on another site that resolves its name to 127.0.0.1
                # must not read the brief. Only requests that name this machine are served.
                self._send(421, "text/plain", b"only localhost and 127.0.0.1 are served")
            elif self.path == "/__version":
                self._send(200, "text/plain", str(preview.version).encode())
            elif self.path in ("/", "/index.html"):
                with preview.lock:
                    page, failed = preview.page, preview.failed
                self._send(500 if failed else 200, "text/html; charset=utf-8", page.encode())
            elif (fmt := _format_at(self.path)) is not None:
                self._send_file(fmt)
            else:
                self._send(404, "text/plain", b"not found")

        def _send_file(self, fmt: formats.OutputFormat) -> None:
            """The brief in ``fmt``, or a page saying why not: never a dropped connection."""
            try:
                body = preview.file(fmt.name)
            except UserError as error:
                page = _error_page(error)
            except Exception as error:  # a bug: say so in the page, and keep serving
                page = _error_page(_bug(error))
            else:
                self._send(200, fmt.media_type, body)
                return
            self._send(500, "text/html; charset=utf-8", page.encode())

        def _send(self, status: int, kind: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass  # the terminal shows rebuilds, not every poll

    return Handler


def start_preview(options: BuildOptions) -> Preview:
    """The first build of a session; what it loaded stays, so later rebuilds are quick."""
    preview = Preview(options)
    preview.rebuild()
    # Modules, compiled templates and locale data stay for the session: out of the
    # collector's way, each rebuild's garbage collections have less to walk.
    gc.freeze()
    return preview


def serve(
    options: BuildOptions,
    port: int,
    *,
    announce: Callable[[str], None] = print,
    stop: threading.Event | None = None,
    ready: Callable[[int], None] | None = None,
) -> None:
    """Serve until interrupted (or until ``stop`` is set, for tests)."""
    from watchfiles import watch

    if not options.audiences:
        options = replace(options, audiences=[next(iter(audience_folders(options.template_dirs)))])
    preview = start_preview(options)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), _handler(preview))
    actual_port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    announce(f"serving {options.audiences[0]} brief on http://127.0.0.1:{actual_port}/")
    if preview.failed:
        announce(preview.report)
    if ready is not None:
        ready(actual_port)
    stop = stop or threading.Event()
    try:
        for changes in watch(*preview.watched(), stop_event=stop, debounce=200, step=50):
            preview.rebuild()
            changed = ", ".join(sorted({Path(path).name for _, path in changes}))
            announce(f"rebuilt after change to {changed}" + (":" if preview.failed else ""))
            if preview.failed:
                announce(preview.report)
    finally:
        server.shutdown()
        server.server_close()
