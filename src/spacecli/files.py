"""Writing a file in one step: the one atomic-write helper the export and the cache share."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from spacecli.errors import Interrupted


def write_atomically(
    path: Path, write: Callable[[Path], object], *, replace: bool, mode: int | None = None
) -> None:
    """Have `write` fill a new file beside `path`, flush it to disk, then give it that name.

    An interrupted or failed write leaves the old file (or none), never part of one, and no
    temporary file behind. With `replace` false, an existing `path` is never replaced, even
    one that appears while writing (`FileExistsError`). The new file gets `mode`, or the
    mode the umask gives new files. Raises `OSError` on failure.
    """
    import tempfile  # only when something is written

    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    os.close(handle)
    tmp = Path(temporary)
    try:
        with _signals_interrupt():
            write(tmp)
            with tmp.open("rb") as written:
                os.fsync(written.fileno())
            os.chmod(tmp, mode if mode is not None else 0o666 & ~_umask())
            if replace:
                os.replace(tmp, path)
            else:
                _link_without_replacing(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
        Path(f"{tmp}-journal").unlink(missing_ok=True)  # SQLite's, when it was cut short


@contextmanager
def _signals_interrupt() -> Iterator[None]:
    """While writing, SIGTERM and SIGHUP interrupt like Ctrl-C does, so that the partial file
    is removed on the way out (the CLI then exits with 128 + the signal's number)."""
    import signal
    import threading

    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, _frame: object) -> None:
        raise Interrupted(signum)

    previous = {signum: signal.signal(signum, interrupt) for signum in wanted}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _link_without_replacing(tmp: Path, path: Path) -> None:
    """Give the finished file its name only if nothing took that name meanwhile."""
    try:
        os.link(tmp, path)  # fails with FileExistsError rather than replace anything
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links
        if path.exists():
            raise FileExistsError(path) from None
        os.replace(tmp, path)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
