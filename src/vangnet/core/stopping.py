"""Stopping a long-running command (the scheduler) on SIGTERM or SIGINT, whenever the
signal arrives.

A signal handler runs in the main thread between two bytecodes, possibly in the middle
of the very code it interrupts. It must therefore take no lock: `threading.Event.set()`
from a handler deadlocks when the main thread holds the event's condition inside
`Event.wait()` (the lock is not reentrant). `StopSignal` instead keeps a plain flag and
writes one byte to a non-blocking self-pipe; `wait()` sleeps in `select()` on that pipe,
so a signal wakes it at once (a signal that comes just before the `select()` left its
byte in the pipe, so nothing is missed)."""

import contextlib
import os
import select
import signal

SIGNALS = (signal.SIGTERM, signal.SIGINT)


class StopSignal:
    """A stop request that a signal handler may set. The same `is_set()` / `wait(timeout)`
    as `threading.Event`, for the main thread only."""

    def __init__(self) -> None:
        self._stop = False
        self._installed = False
        self._read, self._write = os.pipe()
        os.set_blocking(self._read, False)
        os.set_blocking(self._write, False)

    def set(self, signum: int | None = None, frame: object = None) -> None:
        """Ask to stop; usable as a signal handler (no lock, no allocation worth
        mentioning, no logging)."""
        self._stop = True
        with contextlib.suppress(OSError):  # a full pipe (many signals) wakes `wait` too
            os.write(self._write, b"\0")

    def is_set(self) -> bool:
        return self._stop

    def wait(self, timeout: float | None = None) -> bool:
        """Sleep up to `timeout` seconds or until a stop is asked; whether it was."""
        if not self._stop:
            select.select([self._read], [], [], timeout)
        with contextlib.suppress(BlockingIOError):  # drained
            while os.read(self._read, 512):
                pass
        return self._stop

    def close(self) -> None:
        if self._installed:
            signal.set_wakeup_fd(-1)
        os.close(self._read)
        os.close(self._write)

    def install(self) -> None:
        """Make `set` the handler of SIGTERM and SIGINT (from the main thread). The pipe
        is also Python's wake-up fd: a signal the kernel hands to another thread still
        wakes the main thread's `select`."""
        for signum in SIGNALS:
            signal.signal(signum, self.set)
        signal.set_wakeup_fd(self._write, warn_on_full_buffer=False)
        self._installed = True

    def ignore(self) -> None:
        """Ignore SIGTERM and SIGINT from now on (the stop is under way)."""
        for signum in SIGNALS:
            signal.signal(signum, signal.SIG_IGN)
