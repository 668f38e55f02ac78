"""Paths as CI tools want them: relative to the working directory (the checkout), POSIX style."""

from __future__ import annotations

import os
from pathlib import Path


def display_path(path: str) -> str:
    """`path` relative to the working directory when it lies inside it, else as given (POSIX)."""
    try:
        rel = Path(os.path.relpath(Path(path).resolve(), Path.cwd().resolve()))
    except ValueError:  # another drive
        return Path(path).as_posix()
    return Path(path).as_posix() if rel.as_posix().startswith("..") else rel.as_posix()
