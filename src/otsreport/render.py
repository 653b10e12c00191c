"""The Jinja2 environment and HTML rendering.

Templates are looked up in one ordered list: the user's folders (``--templates``, first
wins), then the audience's folder, then the built-ins. The built-ins are also reachable as
``default:<name>`` so an override can extend the very template it replaces (Datasette's
pattern). Templates may come from users, so they run sandboxed, with autoescaping and
``StrictUndefined``: a typo in a variable name is an error, not an empty string.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

import jinja2

from otsreport.cache import TemplateBytecodeCache
from otsreport.errors import Problem, UserError
from otsreport.i18n import translations
from otsreport.limits import DEFAULT_RENDER_SECONDS, RenderTimeout, bounded
from otsreport.paths import builtin_templates_dir
from otsreport.sandbox import BoundedSandbox, ConfinedLoader, lipsum
from otsreport.select.views import Brief
from otsreport.typography import quoted

BRIEF_TEMPLATE = "brief.html.j2"
_RAW_EXTENSIONS = (".css",)


def template_search_path(
    user_dirs: Sequence[Path] = (), audience_dir: Path | None = None
) -> list[Path]:
    """The lookup order, first match wins: user folders, the audience folder, built-ins."""
    path = [Path(d) for d in user_dirs]
    if audience_dir is not None:
        path.append(audience_dir)
    path.append(builtin_templates_dir())
    return path


@dataclass(frozen=True)
class TemplateEntry:
    """One template name: the file that wins the lookup and the files it shadows."""

    name: str
    winner: Path
    shadowed: tuple[Path, ...]


TEMPLATE_SUFFIXES: Final = (".j2", ".css")


def template_inventory(search_path: Sequence[Path]) -> list[TemplateEntry]:
    """Every template name on the search path, so nobody has to guess which file is used.

    Audience folders nested in a template folder are not templates of that folder: they join
    the search path only for their own audience.
    """
    found: dict[str, list[Path]] = {}
    for folder in search_path:
        if not folder.is_dir():
            continue
        for file in sorted(folder.rglob("*")):
            relative = file.relative_to(folder)
            if not file.is_file() or relative.parts[0] == "audiences":
                continue
            if file.name.endswith(TEMPLATE_SUFFIXES):
                found.setdefault(relative.as_posix(), []).append(file)
    return [
        TemplateEntry(name, files[0], tuple(files[1:])) for name, files in sorted(found.items())
    ]


def _autoescape(name: str | None) -> bool:
    # Stylesheets are inlined into <style>, where HTML escaping would corrupt quotes; their
    # only variable parts are theme values, which the profile schema restricts.
    return not (name or "").endswith(_RAW_EXTENSIONS)


class RecordingLoader(jinja2.BaseLoader):
    """Remembers which file served each template name, so a rebuild can tell what a brief
    depends on (and rebuild only the briefs that use a changed template)."""

    def __init__(self, inner: jinja2.BaseLoader) -> None:
        self.inner = inner
        self.used: dict[str, str] = {}

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        try:
            source, filename, uptodate = self.inner.get_source(environment, template)
        except jinja2.TemplateNotFound:
            # A name tried and not found (a section's own template, before its kind's) is
            # a dependency too: a file added under that name later must rebuild the brief.
            self.used.setdefault(template, "")
            raise
        if filename is not None:
            self.used[template] = str(Path(filename).resolve())
        return source, filename, uptodate

    def list_templates(self) -> list[str]:
        return self.inner.list_templates()


def templates_used(environment: jinja2.Environment) -> dict[str, str]:
    loader = environment.loader
    return dict(loader.used) if isinstance(loader, RecordingLoader) else {}


def resolve_template(name: str, search_path: Sequence[Path]) -> str:
    """The file a template name would load from now, or "" when none would: what the
    recorded one is checked against."""
    prefix, sep, rest = name.partition(":")
    folders, relative = (
        ([builtin_templates_dir()], rest)
        if sep and prefix == "default"
        else (list(search_path), name)
    )
    for folder in folders:
        candidate = folder / relative
        if candidate.is_file():
            return str(candidate.resolve())
    return ""


@cache
def _bytecode_cache() -> TemplateBytecodeCache:
    """One per process: every audience's environment shares the compiled templates."""
    return TemplateBytecodeCache()


def make_environment(search_path: Sequence[Path], locale: str = "en") -> jinja2.Environment:
    """A sandboxed environment: no access to Python internals or unsafe callables.

    (Jinja2's ImmutableSandboxedEnvironment would also forbid calling list.append and the
    like; it costs a third of the render time, and nothing a template could mutate outlives
    the render.)
    """
    loader = jinja2.ChoiceLoader(
        [
            jinja2.PrefixLoader(
                {"default": ConfinedLoader(builtin_templates_dir())}, delimiter=":"
            ),
            ConfinedLoader([str(p) for p in search_path]),
        ]
    )
    environment = BoundedSandbox(
        loader=RecordingLoader(loader),
        bytecode_cache=_bytecode_cache(),
        extensions=["jinja2.ext.i18n"],
        autoescape=_autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.globals["lipsum"] = lipsum
    # {{ text | quoted }}: a verbatim quotation in the reader's quotation marks.
    environment.filters["quoted"] = lambda text: quoted(str(text), locale)
    # Labels in templates are {{ _("...") }}: translated from the catalogs, then escaped.
    environment.install_gettext_translations(  # type: ignore[attr-defined]
        translations(locale), newstyle=True
    )
    return environment


def render_html(
    environment: jinja2.Environment,
    brief: Brief,
    *,
    paged: bool = False,
    toc: bool = False,
    timeout: float | None = DEFAULT_RENDER_SECONDS,
) -> str:
    """Render the brief, turning template mistakes into ``UserError`` with file and line.

    ``paged``: the copy WeasyPrint lays out (adds the paged-media stylesheet); ``toc``: with
    a table of contents. Both are ways of rendering one composed brief, not other briefs.
    Templates come from users: the render runs under ``timeout`` seconds and a memory cap.
    """
    try:
        template = environment.get_template(BRIEF_TEMPLATE)
        with bounded(timeout):
            return template.render(brief=brief, theme=brief.theme, paged=paged, toc=toc)
    except jinja2.TemplateSyntaxError as error:
        raise UserError(
            Problem(
                f"template syntax error: {error.message}",
                _file(error.filename, error.name),
                error.lineno,
            )
        ) from None
    except jinja2.TemplateNotFound as error:
        raise UserError(Problem(f"template not found: {error.name}")) from None
    except jinja2.UndefinedError as error:
        file, line = _template_frame(error)
        raise UserError(Problem(f"undefined in template: {error.message}", file, line)) from None
    except jinja2.exceptions.SecurityError as error:
        file, line = _template_frame(error)
        raise UserError(Problem(f"not allowed in a template: {error}", file, line)) from None
    except RenderTimeout as error:
        file, line = _template_frame(error)
        raise UserError(Problem(f"template render {error}", file, line)) from None
    except MemoryError as error:
        file, line = _template_frame(error)
        raise UserError(
            Problem("template render ran out of its memory allowance", file, line)
        ) from None
    except RecursionError as error:
        file, line = _template_frame(error)
        raise UserError(
            Problem("template calls itself without end (include or macro)", file, line)
        ) from None
    except jinja2.TemplateError as error:
        file, line = _template_frame(error)
        raise UserError(Problem(f"template error: {error}", file, line)) from None
    except (ArithmeticError, LookupError, TypeError, ValueError, AttributeError) as error:
        # A template's own runtime mistake ({{ 1/0 }}, [].pop()): the author's to fix.
        file, line = _template_frame(error)
        raise UserError(
            Problem(f"template failed: {type(error).__name__}: {error}", file, line)
        ) from None


def _file(filename: str | None, name: str | None) -> Path | None:
    if filename:
        return Path(filename)
    return Path(name) if name else None


def _template_frame(error: BaseException) -> tuple[Path | None, int | None]:
    """The innermost template file and line in a traceback: where the author must look."""
    found: tuple[Path | None, int | None] = (None, None)
    tb = error.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2") or "/templates/" in filename:
            found = (Path(filename), tb.tb_lineno)
        tb = tb.tb_next
    return found
