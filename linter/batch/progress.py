"""A progress bar on a terminal, silence in CI and in pipes."""

from __future__ import annotations

import os
import sys
from typing import Mapping, TextIO


def progress_wanted(stream: TextIO | None = None, env: Mapping[str, str] | None = None,
                    quiet: bool = False) -> bool:
    """True when a human watches: `stream` (stderr) is a terminal, CI is unset, not --quiet."""
    stream = stream if stream is not None else sys.stderr
    env = env if env is not None else os.environ
    if quiet or env.get("CI", "").strip().lower() not in ("", "0", "false"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class BatchProgress:
    """Context manager; `advance(result)` after each file. A no-op when disabled."""

    def __init__(self, total: int, enabled: bool, stream: TextIO | None = None):
        self.total = total
        self.enabled = enabled
        self._stream = stream if stream is not None else sys.stderr
        self._progress = None
        self._task = None
        self._failed = 0

    def __enter__(self) -> "BatchProgress":
        if self.enabled:
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn,
                                       TextColumn, TimeElapsedColumn, TimeRemainingColumn)

            self._progress = Progress(
                SpinnerColumn(), TextColumn("[bold]linting"), BarColumn(), MofNCompleteColumn(),
                TimeElapsedColumn(), TimeRemainingColumn(),
                TextColumn("{task.fields[failed]}"), TextColumn("[dim]{task.fields[current]}"),
                console=Console(file=self._stream), transient=True,
                # No refresh thread: the batch may fork worker processes while this is shown.
                auto_refresh=False)
            self._progress.start()
            self._task = self._progress.add_task("lint", total=self.total, current="", failed="")
        return self

    def advance(self, result: dict) -> None:
        if self._progress is None:
            return
        if not result.get("ok"):
            self._failed += 1
        failed = f"[red]{self._failed} failed" if self._failed else ""
        name = os.path.basename(str(result.get("path", "")))
        self._progress.update(self._task, advance=1, current=name, failed=failed)
        self._progress.refresh()

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.stop()
