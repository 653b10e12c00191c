"""Where a build's PDFs are laid out: the local process pool, or a Dask cluster; and a
shared store in front of either.

The build hands every layout task (a whole brief, a long brief's part, its page numbers) to an
``Executor``: a pure function of picklable inputs (the composed HTML and the job's options)
whose result is bytes and a little plain data. So the same bytes come out wherever it runs, and
a result can be kept under a key of those inputs (``stored``). The release check and the
writing stay in this process, after the results come back (``build``).

``--executor local`` (the default) is ``pdfjobs.PdfWorkers``; ``--executor dask://HOST:PORT``
is ``executors.dask.DaskExecutor`` (``pip install 'otsreport[distributed]'``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, Final, Protocol

from otsreport.errors import Problem, UsageError

ENV: Final = "OTSREPORT_EXECUTOR"
LOCAL: Final = "local"
Submit = Callable[..., "Future[Any]"]
_REMOTE: Final = re.compile(r"(?P<scheme>dask|tcp|tls)://(?P<place>[^/\s]+)")


class Executor(Protocol):
    """What ``pdfjobs.render_jobs`` asks of the place that lays PDFs out."""

    def start(self) -> None:
        """Get ready now (start or reach the workers), while this process works on."""

    def submit(self, function: Callable[..., Any], *args: Any) -> Future[Any]:
        """``function(*args)`` run there; a future of its result."""

    def bounded(self, seconds: float | None, what: str) -> Submit:
        """A ``submit`` whose tasks each stop after ``seconds`` with an error naming ``what``."""

    def __enter__(self) -> Any: ...

    def __exit__(self, *exc: object) -> None: ...


def scheduler_address(spec: str) -> str | None:
    """The Dask scheduler ``spec`` names ('dask://HOST:PORT' -> 'tcp://HOST:PORT'), None for
    the local pool; a usage error for anything else."""
    spec = spec.strip()
    if spec == LOCAL:
        return None
    found = _REMOTE.fullmatch(spec)
    if found is None:
        raise UsageError(
            Problem(f"unknown executor '{spec}': choose 'local' or 'dask://HOST:PORT'")
        )
    scheme = "tcp" if found["scheme"] == "dask" else found["scheme"]
    return f"{scheme}://{found['place']}"


def make(spec: str, local_workers: int, store: str | None = None, *, verbose: bool = False) -> Any:
    """The executor ``spec`` names, behind the store when one is given; None for the local
    pool with no workers to start early and no store (the build then makes its own)."""
    from otsreport.pdfjobs import PdfWorkers

    address = scheduler_address(spec)
    inner: Any
    if address is not None:
        from otsreport.executors.dask import DaskExecutor

        inner = DaskExecutor(address, verbose=verbose)
    elif local_workers or store:
        inner = PdfWorkers(max(local_workers, 1))
    else:
        return None
    if not store:
        return inner
    from otsreport.executors.stored import Stored
    from otsreport.store import Store

    return Stored(inner, Store(store))


def summary(executor: Any) -> list[str]:
    """What the build output says of where its PDFs were laid out (nothing for the pool)."""
    told = getattr(executor, "summary", None)
    return list(told()) if callable(told) else []
