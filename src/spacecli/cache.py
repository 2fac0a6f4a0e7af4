"""The parsed-data cache: a validated dataset kept on disk, so a run can skip TOML and checks.

An entry is the pickled `Dataset` that a list of data files makes, named by a hash of
spacecli's version, Python's version and, for every file in order, its path, size,
modification time and the hash of its bytes. Any change to any file gives another name, so
an entry is never stale; an entry that cannot be read or unpickled is ignored, and rebuilt.
Entries live in $SPACECLI_CACHE, else $XDG_CACHE_HOME/spacecli, else ~/.cache/spacecli;
SPACECLI_CACHE=off turns the cache off. Failing to write the cache is never an error.
"""

from __future__ import annotations

import copyreg
import gc
import hashlib
import os
import pickle
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from spacecli import __version__
from spacecli.files import write_atomically
from spacecli.model import Collaboration, Comparison, Dataset, Figure, Organisation, Participant
from spacecli.schema import specs

ENV_VAR = "SPACECLI_CACHE"
KEEP = 16  # entries kept; older ones are removed when a new one is written
_OFF = ("", "0", "off", "no", "false")


def directory(environ: Mapping[str, str]) -> Path | None:
    """Where entries live, or None when the cache is turned off."""
    chosen = environ.get(ENV_VAR)
    if chosen is not None:
        return None if chosen.strip().lower() in _OFF else Path(chosen)
    base = environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "spacecli"


def key(files: Sequence[tuple[Path, os.stat_result, bytes]]) -> str:
    """The entry name for these files: (path, what stat said before reading, the bytes read)."""
    digest = hashlib.sha256()
    digest.update(f"spacecli {__version__}; Python {sys.version}\n".encode())
    for path, status, content in files:
        digest.update(f"{path}\0{status.st_size}\0{status.st_mtime_ns}\0".encode())
        # SHA-256 runs in hardware on most CPUs: 3.3 ms for a 6.4 MB file here, BLAKE2b 5.8.
        digest.update(hashlib.sha256(content).digest())
    return digest.hexdigest()


def _rebuild(cls: type[Any], values: tuple[Any, ...]) -> Any:
    return cls(**dict(zip(_FIELDS[cls], values, strict=True)))


_FIELDS: dict[type[Any], tuple[str, ...]] = {}


def _by_constructor(cls: type[Any]) -> None:
    """Pickle records as one constructor call with their field values.

    The default for frozen, slotted dataclasses restores fields one by one in Python; a
    constructor call is about twice as fast, which the cache feels on large data.
    """
    names = tuple(name for name, _ in specs(cls))
    _FIELDS[cls] = names

    def reduce(record: Any) -> tuple[Any, ...]:
        return (_rebuild, (cls, tuple(getattr(record, name) for name in names)))

    copyreg.pickle(cls, reduce)


for _record in (Organisation, Figure, Participant, Collaboration, Comparison):
    _by_constructor(_record)


def get(folder: Path, name: str) -> Dataset | None:
    """The dataset stored under `name`, or None if there is none or it is unreadable."""
    try:
        stored = (folder / f"{name}.pickle").read_bytes()
    except OSError:
        return None
    try:
        with collector_paused():
            dataset = pickle.loads(stored)  # our own file in the user's own cache folder
    except Exception:  # corrupt, truncated, or written by an incompatible spacecli
        return None
    return dataset if isinstance(dataset, Dataset) else None


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a dataset is built, then set it aside.

    Tens of thousands of objects arrive at once; the collector would scan them again and
    again as they do, and a dataset holds no cycles worth collecting. Afterwards they are
    moved out of the collector's sight (gc.freeze) for the rest of the run.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
    gc.freeze()


def put(folder: Path, name: str, dataset: Dataset) -> None:
    """Store `dataset` under `name`, atomically; quietly give up if the folder is not writable."""
    content = pickle.dumps(dataset, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomically(
            folder / f"{name}.pickle", lambda tmp: tmp.write_bytes(content), replace=True
        )
        _prune(folder)
    except OSError:
        pass


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)
