"""Per-article limits on time and memory, the same in every engine.

A watchdog thread watches the article's work. When the time runs out, or the process's resident
memory has grown by more than the budget since the article started, it interrupts the working
thread:
- in a process's main thread (the local engine, in process or in a worker pool) with SIGALRM, which
  also breaks out of blocking C calls such as sleep and long regex matches;
- in any other thread (a Dask worker runs tasks in threads) by raising the exception asynchronously
  in that thread (PyThreadState_SetAsyncExc), which lands at its next Python bytecode.
So an article the local engine rejects as a timeout is rejected by the Dask engine too.
"""
from __future__ import annotations

import ctypes
import os
import signal
import threading
import time
from contextlib import contextmanager

POLL_SECONDS = 0.02
REFIRE_SECONDS = 0.5


class ArticleTimeout(TimeoutError):
    """An article's parse and extraction ran past extract.timeout_seconds."""


class ArticleTooBig(MemoryError):
    """An article's parse and extraction grew the process past extract.max_memory_mb."""


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def resident_bytes() -> int:
    """The process's resident memory now (Linux /proc); 0 where it cannot be read (no memory limit)."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return 0


def _raise_in_thread(ident: int, exc_type: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident),
                                               ctypes.py_object(exc_type) if exc_type else ctypes.c_void_p(0))


@contextmanager
def article_limits(seconds: float, max_memory_mb: float, what: str):
    """Raise ArticleTimeout or ArticleTooBig in this thread when the block goes over a limit (0: none)."""
    if not seconds and not max_memory_mb:
        yield
        return
    target = threading.get_ident()
    in_main = threading.current_thread() is threading.main_thread()
    lock, done = threading.Lock(), threading.Event()
    state: dict = {"fired": None}
    base = resident_bytes()
    budget = int(max_memory_mb * 2**20) if max_memory_mb and base else 0
    messages = {ArticleTimeout: f"parsing and extracting {what} took more than {seconds:g} s",
                ArticleTooBig: f"parsing and extracting {what} needed more than {max_memory_mb:g} MB"}

    def _on_alarm(signum, frame):
        fired = state["fired"]
        if fired is not None and not done.is_set():
            raise fired(messages[fired])

    def _watch():
        deadline = time.monotonic() + seconds if seconds else None
        wait = POLL_SECONDS
        while not done.wait(wait):
            over = state["fired"] or (
                ArticleTimeout if deadline is not None and time.monotonic() >= deadline else
                ArticleTooBig if budget and resident_bytes() - base > budget else None)
            if over is None:
                continue
            with lock:
                if done.is_set():
                    return
                state["fired"] = over
                if in_main:
                    signal.pthread_kill(target, signal.SIGALRM)
                else:
                    _raise_in_thread(target, over)
            wait = REFIRE_SECONDS  # again, in case code under the limit swallowed the exception

    previous = signal.signal(signal.SIGALRM, _on_alarm) if in_main else None
    watchdog = threading.Thread(target=_watch, name=f"limits:{what}", daemon=True)
    watchdog.start()
    try:
        yield
        if state["fired"] is not None:  # the work swallowed the exception but is over its limit all the same
            raise state["fired"](messages[state["fired"]])
    except (ArticleTimeout, ArticleTooBig) as exc:
        if not exc.args and state["fired"] is not None:  # raised asynchronously: no message attached
            raise state["fired"](messages[state["fired"]]) from None
        raise
    finally:
        with lock:
            done.set()
            if state["fired"] is not None and not in_main:
                _raise_in_thread(target, None)  # withdraw an exception not yet delivered
        watchdog.join()
        if in_main:
            signal.signal(signal.SIGALRM, previous)


@contextmanager
def time_limit(seconds: float, what: str):
    """Raise ArticleTimeout (a TimeoutError) when the block runs longer than `seconds` (0: no limit)."""
    with article_limits(seconds, 0, what):
        yield
