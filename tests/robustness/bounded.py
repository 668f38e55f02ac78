"""Fail a test that runs away instead of letting it hang: catastrophic backtracking or quadratic
work show as minutes or hours, so the guard is generous (tens of seconds), not a timing."""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager

import pytest


@contextmanager
def within(seconds: float, what: str):
    """Run the block; fail the test if it has not finished after `seconds` of wall time.

    SIGALRM interrupts Python code and regular expressions alike (the `re` engine checks for
    signals while it backtracks). Off the main thread, or without SIGALRM, the block runs unguarded.
    """
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum, frame):
        raise TimeoutError(f"{what} did not finish within {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except TimeoutError as exc:
        pytest.fail(str(exc), pytrace=False)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
