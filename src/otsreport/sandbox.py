"""The walls around user templates: files they may load, and work they may ask for.

Templates come from users and are treated as hostile: they run in Jinja's sandbox (no Python
internals), may load only regular files inside their own folders, and may not ask for
arithmetic that would take minutes or gigabytes in one step. ``limits.py`` bounds the rest.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from otsreport.errors import Problem, UserError


class ConfinedLoader(jinja2.FileSystemLoader):
    """A file loader that serves only regular files whose real path stays in their folder.

    Jinja's own loader follows symbolic links, so `{% include "s.txt" %}` beside a link to
    a private key would print the key into the brief. Here a name whose resolved path leaves
    its search folder (a link, or '..') is refused with a user error naming the file, and so
    is anything that is not a regular file (a FIFO would hang the build).
    """

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        for folder in self.searchpath:
            candidate = Path(folder) / template
            if not os.path.lexists(candidate):
                continue
            real, root = candidate.resolve(), Path(folder).resolve()
            if not real.is_relative_to(root):
                raise UserError(
                    Problem(
                        f"template '{template}' leads outside its folder {root} "
                        "(a symbolic link or '..'); copy the file into the folder instead",
                        candidate,
                    )
                )
            if not stat.S_ISREG(real.stat().st_mode):
                raise UserError(Problem(f"template '{template}' is not a regular file", candidate))
            if real.stat().st_size > MAX_TEMPLATE_BYTES:
                raise UserError(
                    Problem(
                        f"template '{template}' is over {MAX_TEMPLATE_BYTES:,} bytes", candidate
                    )
                )
            break
        return super().get_source(environment, template)


MAX_TEMPLATE_BYTES: Final = 2 * 1024 * 1024


MAX_REPEAT: Final = 1_000_000  # items or characters a template may make with '*'
MAX_EXPONENT: Final = 1_000
MAX_LIPSUM: Final = 50


class BoundedSandbox(SandboxedEnvironment):
    """Jinja's sandbox, refusing arithmetic that would take minutes or gigabytes at once:
    `'x' * 10**10` or `10 ** (10 ** 9)` is one C call the time limit cannot interrupt."""

    intercepted_binops = frozenset(["*", "**"])

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        if operator == "**" and _huge_power(left, right):
            raise jinja2.exceptions.SecurityError(
                f"the exponent {right} is too large (over {MAX_EXPONENT})"
            )
        if operator == "*" and (_huge_repeat(left, right) or _huge_repeat(right, left)):
            raise jinja2.exceptions.SecurityError(
                f"repeating a sequence makes more than {MAX_REPEAT:,} items"
            )
        return super().call_binop(context, operator, left, right)


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _huge_power(base: Any, exponent: Any) -> bool:
    return _number(base) and _number(exponent) and abs(exponent) > MAX_EXPONENT and abs(base) > 1


def _huge_repeat(sequence: Any, count: Any) -> bool:
    return (
        isinstance(sequence, str | list | tuple)
        and isinstance(count, int)
        and len(sequence) * count > MAX_REPEAT
    )


def lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    """Jinja's placeholder text, capped: `lipsum(n=10**7)` would run for minutes."""
    from jinja2.utils import generate_lorem_ipsum

    return generate_lorem_ipsum(
        n=max_(0, min_(n, MAX_LIPSUM)), html=html, min=min_(min, 100), max=min_(max, 100)
    )


min_, max_ = min, max
