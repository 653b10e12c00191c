"""A build of several audiences where one fails: the others are still written.

``build.build`` renders a whole batch in memory and writes it at once, so one brief over its
page budget (or carrying what its marking does not allow, or with a profile in error) would
leave every other audience unwritten. When a batch of several audiences fails, each is
built again alone: those that pass are written, each audience's files at once as before
(never half an audience), and the result names the ones that failed, with their problems.
A failure every audience shares (the dossier does not load) is reported once, as it was.
Only a failing batch pays for the second pass.
"""

from __future__ import annotations

import dataclasses

from otsreport.audiences import audience_folders
from otsreport.build import BuildResult, Progress, build
from otsreport.errors import UserError
from otsreport.executors import Executor
from otsreport.options import BuildOptions


def build_all(
    options: BuildOptions, progress: Progress | None = None, workers: Executor | None = None
) -> BuildResult:
    """``build``, or when one of several audiences fails it, every other audience built and
    written, and the failed ones in ``result.failed``."""
    try:
        return build(options, progress, workers)
    except UserError as batch_error:
        names = list(options.audiences) or list(audience_folders(options.template_dirs))
        if len(names) < 2:
            raise
        result = BuildResult([])
        for name in names:
            alone = dataclasses.replace(options, audiences=(name,))
            try:
                done = build(alone, progress, workers)
            except UserError as error:
                result.failed[name] = error
                continue
            result.outputs += done.outputs
            result.skipped += done.skipped
            result.warnings += done.warnings
            result.manifest = done.manifest
        if len(result.failed) == len(names):
            raise batch_error from None
        return result
