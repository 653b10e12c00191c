"""Layout on a Dask distributed cluster (``--executor dask://HOST:PORT``).

Each layout task goes to the cluster as a pure function of picklable inputs, with ``retries``;
a worker lost mid-task has its task run again on another (Dask's own rescheduling), so the
build only sees the results. Its futures are handed back as ``concurrent.futures`` futures, so
``pdfjobs`` and ``chunked`` wait for them as they do for the local pool's.

What cannot be got back becomes a user error (exit 1, no traceback), and nothing is written:
no scheduler at the address, no workers, workers with another layout environment (their bytes
would differ), a cluster that goes away mid-build, a task that kept killing its workers. A
``UserError`` a task raises (a template past its time limit, bad CSS) is returned, not raised,
on the worker: Dask would otherwise retry it, for nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import CancelledError, Future
from functools import partial
from typing import Any, Final

from otsreport.errors import Problem, UserError
from otsreport.executors import Submit
from otsreport.limits import run_bounded_in_thread

RETRIES: Final = 2  # a task that raises something else than a user error is tried this often again
HOW_TO: Final = (
    "start one with `dask scheduler` and workers with `dask worker ADDRESS --nthreads 1`, "
    "or build here with --executor local"
)


def _task(function: Callable[..., Any], args: tuple[Any, ...]) -> tuple[str, Any]:
    """Runs on a worker: ('ok', result), or ('error', UserError) so it is not retried."""
    try:
        return "ok", function(*args)
    except UserError as error:
        return "error", error


def _warm_up() -> None:
    """Runs once on each worker when the build connects: WeasyPrint's import and fonts are
    paid while this machine renders the HTML, not by the first layout task."""
    from otsreport import pdf

    pdf.shared_state()


def _environment() -> dict[str, str]:
    """Runs on every worker when the build connects (``fingerprint.environment``)."""
    from otsreport.executors.fingerprint import environment

    return environment()


def _quiet(prefix: str) -> None:
    """Dask's loggers (each set to its own level by Dask's config) past errors only."""
    for name in ["distributed", *logging.root.manager.loggerDict]:
        if name == prefix or name.startswith(f"{prefix}."):
            logging.getLogger(name).setLevel(logging.CRITICAL + 1)


class DaskExecutor:
    """A ``distributed.Client`` to the scheduler at ``address``, made at ``start``."""

    def __init__(self, address: str, *, retries: int = RETRIES, verbose: bool = False) -> None:
        self.address, self.retries, self.verbose = address, retries, verbose
        self.client: Any = None
        self.workers = 0
        self.sent = 0
        self._held: dict[int, Any] = {}  # Dask cancels a task whose future is dropped

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.client is not None:
            client, self.client = self.client, None
            try:
                client.cancel(list(self._held.values()))
                client.close(timeout=5)
            except Exception:  # a cluster already gone: nothing left to close
                logging.getLogger(__name__).debug("closing the Dask client", exc_info=True)

    def start(self) -> None:
        """Connect, and check the workers lay out as this machine would."""
        if self.client is not None:
            return
        try:
            import distributed
        except ImportError:
            raise UserError(
                Problem("--executor dask needs Dask: pip install 'otsreport[distributed]'")
            ) from None
        if not self.verbose:  # its own tracebacks, on a lost connection, are not for users
            _quiet("distributed")
        try:
            self.client = distributed.Client(  # type: ignore[no-untyped-call]
                self.address, set_as_default=False
            )
        except (OSError, TimeoutError) as error:
            raise UserError(
                Problem(f"cannot reach a Dask scheduler at {self.address} ({error}): {HOW_TO}")
            ) from None
        self._check_workers()

    def _check_workers(self) -> None:
        import distributed
        from dask.config import get
        from dask.utils import parse_timedelta

        from otsreport.executors.fingerprint import differences

        wait = parse_timedelta(get("distributed.comm.timeouts.connect"))
        try:
            self.client.wait_for_workers(1, timeout=wait)
            found = self.client.run(_environment)
        except TimeoutError:
            raise UserError(
                Problem(f"the Dask scheduler at {self.address} has no workers: {HOW_TO}")
            ) from None
        except Exception as error:
            raise UserError(
                Problem(
                    f"the Dask workers at {self.address} cannot run otsreport ({error}): "
                    "install the same otsreport on them, with WeasyPrint"
                )
            ) from None
        self.workers = len(found)
        for worker in found:
            warming = self.client.submit(_warm_up, pure=False, workers=[worker])
            distributed.fire_and_forget(warming)  # type: ignore[no-untyped-call]
        differ = sorted({name for env in found.values() for name in differences(env)})
        if differ:
            raise UserError(
                Problem(
                    f"the Dask workers at {self.address} lay PDFs out with another "
                    f"{', '.join(differ)} than this machine, so their bytes would differ: "
                    "install the same versions and fonts on both"
                )
            )

    def submit(self, function: Callable[..., Any], *args: Any) -> Future[Any]:
        self.start()
        remote = self.client.submit(_task, function, args, pure=False, retries=self.retries)
        self.sent += 1
        bridged: Future[Any] = Future()
        self._held[id(bridged)] = remote
        remote.add_done_callback(partial(self._arrived, bridged))
        return bridged

    def bounded(self, seconds: float | None, what: str) -> Submit:
        return partial(self.submit, run_bounded_in_thread, seconds, what)

    def summary(self) -> list[str]:
        if not self.sent:
            return []
        return [
            f"{self.sent} layout tasks sent to the Dask cluster at {self.address} "
            f"({self.workers} workers)"
        ]

    def _arrived(self, bridged: Future[Any], remote: Any) -> None:
        """Hand a task's outcome to the build's future, as a user error where it failed."""
        self._held.pop(id(bridged), None)
        try:
            status, value = remote.result()
        except CancelledError:
            bridged.set_exception(
                UserError(
                    Problem(
                        f"lost the Dask cluster at {self.address} mid-build; nothing was written. "
                        "Build again once it is back, or with --executor local"
                    )
                )
            )
        except Exception as error:
            bridged.set_exception(self._failure(error))
        else:
            if status == "ok":
                bridged.set_result(value)
            else:
                bridged.set_exception(value)

    def _failure(self, error: Exception) -> Exception:
        from distributed import KilledWorker

        if isinstance(error, KilledWorker):
            return UserError(
                Problem(
                    "a layout task was running on Dask workers that died, again and again (out "
                    "of memory? past the workers' memory limit?); nothing was written. Give the "
                    "workers more memory, or build a smaller brief"
                )
            )
        if isinstance(error, OSError | TimeoutError):
            return UserError(
                Problem(
                    f"lost the Dask cluster at {self.address} mid-build ({error}); nothing was "
                    "written. Build again once it is back, or with --executor local"
                )
            )
        return error  # a bug in the task itself: reported as one
