"""The parsed-data cache: a validated dataset kept on disk, so a run can skip TOML and checks.

An entry holds the dataset that a list of data files makes, as plain values (strings,
numbers, tuples) written with `marshal`, which can only rebuild values, never run code; the
model is rebuilt from them field by field, as the schema declares. Each entry is signed
with an HMAC-SHA256 under a secret key of the user's own (kept 0600 in the cache folder), so
an entry planted or altered by anyone else is refused, not served.

An entry is named by a hash of spacecli's version, Python's version, the schema and, for
every file in order, its path, size, modification time and the hash of its bytes: any change
gives another name, so an entry is never stale. The folder must belong to the user and be
writable by no one else, and so must every entry; anything else is ignored, never read.
Entries live in $SPACECLI_CACHE, else $XDG_CACHE_HOME/spacecli, else ~/.cache/spacecli;
SPACECLI_CACHE=off turns the cache off. Failing to read or write the cache is never an error:
the data is parsed from the files instead.
"""

from __future__ import annotations

import gc
import hashlib
import hmac
import marshal
import os
import re
import stat
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from enum import Enum
from pathlib import Path
from typing import Any

from spacecli import __version__
from spacecli.files import write_atomically
from spacecli.model import Dataset, normalise, withdrawal_index
from spacecli.schema import records, specs

ENV_VAR = "SPACECLI_CACHE"
KEEP = 16  # entries kept; older ones are removed when a new one is written
MAX_TOTAL = 256 * 1024 * 1024  # and the entries together stay under this many bytes
SUFFIX = ".dataset"
KEY_FILE = "secret.key"
STALE_PART = 3600  # seconds after which a partial write left by a killed run is removed
_OFF = ("", "0", "off", "no", "false")
_ENTRY = re.compile(r"^[0-9a-f]{64}\.dataset$")
_PART = re.compile(r"^\.[0-9a-f]{64}\.dataset\.[A-Za-z0-9_]+\.part$")
_MAC_SIZE = hashlib.sha256().digest_size


def directory(environ: Mapping[str, str]) -> Path | None:
    """Where entries live, or None when the cache is turned off."""
    chosen = environ.get(ENV_VAR)
    if chosen is not None:
        return None if chosen.strip().lower() in _OFF else Path(chosen)
    base = environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "spacecli"


def key(files: Sequence[tuple[Path, os.stat_result, bytes]]) -> str:
    """The entry name for these files: (path, what stat said before reading, their bytes' hash).

    The hash of each file's bytes is given, not the bytes, so that a run answered from the
    cache hashes its files in chunks and never holds them whole.
    """
    digest = hashlib.sha256()
    digest.update(f"spacecli {__version__}; Python {sys.version}; {_SCHEMA}\n".encode())
    for path, status, content_hash in files:
        digest.update(f"{path}\0{status.st_size}\0{status.st_mtime_ns}\0".encode())
        digest.update(content_hash)
    return digest.hexdigest()


# -- what an entry holds ------------------------------------------------------------------
# A record is a tuple of its declared fields' values in the schema's order: enums by value,
# sub-records as tuples of tuples. `_SCHEMA` names that layout, so a changed model never
# reads an old entry.

_SECTIONS = tuple(section for section, _ in specs(Dataset))
_LAYOUT = [
    (cls.__name__, [(n, s.kind, s.many) for n, s in specs(cls)]) for _, cls in records(Dataset)
]
_SCHEMA = hashlib.sha256(repr(_LAYOUT).encode()).hexdigest()[:16]


def _encode(record: Any) -> tuple[Any, ...]:
    values = []
    for name, declared in specs(type(record)):
        value = getattr(record, name)
        if declared.record is not None:
            value = tuple(_encode(item) for item in value)
        elif isinstance(value, tuple):
            value = tuple(item.value if isinstance(item, Enum) else item for item in value)
        elif isinstance(value, Enum):
            value = value.value
        values.append(value)
    return tuple(values)


def _decoder(cls: type[Any]) -> Any:
    """A function that rebuilds a `cls` record from its encoded tuple."""
    names = tuple(name for name, _ in specs(cls))
    convert: list[tuple[int, Any, bool]] = []
    for index, (_, declared) in enumerate(specs(cls)):
        if declared.record is not None:
            convert.append((index, _decoder(declared.record), True))
        elif declared.vocabulary is not None:
            convert.append(
                (index, declared.vocabulary._value2member_map_.__getitem__, declared.many)
            )

    def decode(values: tuple[Any, ...]) -> Any:
        if convert:
            values = list(values)  # type: ignore[assignment]
            for index, function, many in convert:
                value = values[index]
                values[index] = tuple(map(function, value)) if many else function(value)  # type: ignore[index]
        return cls(**dict(zip(names, values, strict=True)))

    return decode


_DECODERS = {section: _decoder(cls) for section, cls in records(Dataset) if section in _SECTIONS}


def _dumps(dataset: Dataset) -> bytes:
    """An entry's content: a header, then each organisation and collaboration on its own.

    The header holds the comparison rows, the ids in order, the name indexes and which
    collaborations each organisation takes part in; each record is a separate marshal blob,
    decoded only when a query reaches it (`partners NASA` decodes NASA's collaborations and
    partners, not ten thousand of each).
    """
    org_blobs = [marshal.dumps(_encode(org)) for org in dataset.organisations]
    collab_blobs = [marshal.dumps(_encode(collab)) for collab in dataset.collaborations]
    positions = {collab.id: n for n, collab in enumerate(dataset.collaborations)}
    header = marshal.dumps(
        (
            _SCHEMA,
            tuple(_encode(row) for row in dataset.comparisons),
            tuple(_encode(entry) for entry in dataset.withdrawn),
            tuple(org.id for org in dataset.organisations),
            _offsets(org_blobs),
            tuple(positions),
            _offsets(collab_blobs),
            dataset.name_index("organisations"),
            dataset.name_index("collaborations"),
            {
                org.id: tuple(positions[c.id] for c in dataset.involving(org.id))
                for org in dataset.organisations
                if dataset.involving(org.id)
            },
        )
    )
    return b"".join([len(header).to_bytes(8, "big"), header, *org_blobs, *collab_blobs])


def _offsets(blobs: list[bytes]) -> bytes:
    """Where each blob ends, counted from the first: 8-byte unsigned integers."""
    ends, end = [], 0
    for blob in blobs:
        end += len(blob)
        ends.append(end)
    return b"".join(end.to_bytes(8, "little") for end in ends)


def _loads(content: memoryview) -> Dataset | None:
    size = int.from_bytes(content[:8], "big")
    header = marshal.loads(content[8 : 8 + size])
    (
        schema,
        rows,
        withdrawn,
        org_ids,
        org_ends,
        collab_ids,
        collab_ends,
        org_names,
        collab_names,
        involving,
    ) = header
    if schema != _SCHEMA:
        return None
    body = content[8 + size :]
    org_size = int.from_bytes(org_ends[-8:], "little") if org_ends else 0
    return _Stored.made(
        tuple(map(_DECODERS["comparisons"], rows)),
        tuple(map(_DECODERS["withdrawn"], withdrawn)),
        _Blobs(body[:org_size], org_ends, org_ids, org_names, _DECODERS["organisations"]),
        _Blobs(body[org_size:], collab_ends, collab_ids, collab_names, _DECODERS["collaborations"]),
        involving,
    )


class _Blobs:
    """The records of one section of an entry, each decoded the first time it is asked for."""

    __slots__ = ("decode", "decoded", "ends", "ids", "memory", "names", "positions")

    def __init__(
        self,
        memory: memoryview,
        ends: bytes,
        ids: tuple[str, ...],
        names: dict[str, str],
        decode: Any,
    ) -> None:
        self.memory, self.ids, self.names, self.decode = memory, ids, names, decode
        self.ends = memoryview(ends).cast("Q") if ends else ()
        self.positions = {record_id: n for n, record_id in enumerate(ids)}
        self.decoded: dict[int, Any] = {}

    def at(self, position: int) -> Any:
        found = self.decoded.get(position)
        if found is None:
            start = self.ends[position - 1] if position else 0
            found = self.decode(marshal.loads(self.memory[start : self.ends[position]]))
            self.decoded[position] = found
        return found

    def by_id(self, record_id: str) -> Any:
        return self.at(self.positions[record_id])

    def named(self, name: str) -> Any:
        record_id = self.names.get(normalise(name))
        return None if record_id is None else self.by_id(record_id)

    def every(self) -> tuple[Any, ...]:
        return tuple(map(self.at, range(len(self.ids))))


class _Stored(Dataset):
    """A dataset read from a cache entry: the same answers as the `Dataset` it was made from,
    but its records are decoded only as queries reach them."""

    __slots__ = ("_blob_collabs", "_blob_orgs", "_positions_by_org")
    _blob_orgs: _Blobs
    _blob_collabs: _Blobs
    _positions_by_org: dict[str, tuple[int, ...]]

    @classmethod
    def made(
        cls,
        comparisons: tuple[Any, ...],
        withdrawn: tuple[Any, ...],
        orgs: _Blobs,
        collabs: _Blobs,
        involving: dict[str, tuple[int, ...]],
    ) -> _Stored:
        stored = object.__new__(cls)
        for name, value in (
            ("comparisons", comparisons),
            ("withdrawn", withdrawn),
            ("_withdrawn", withdrawal_index(withdrawn)),
            ("_org_names", orgs.names),
            ("_collab_names", collabs.names),
            ("_blob_orgs", orgs),
            ("_blob_collabs", collabs),
            ("_positions_by_org", involving),
        ):
            object.__setattr__(stored, name, value)
        return stored

    def _section(self, name: str, blobs: _Blobs) -> tuple[Any, ...]:
        slot = Dataset.__dict__[name]
        try:
            found: tuple[Any, ...] = slot.__get__(self, Dataset)
        except AttributeError:
            found = blobs.every()
            slot.__set__(self, found)
        return found

    @property
    def organisations(self) -> tuple[Any, ...]:
        """Every organisation, decoded now if not yet."""
        return self._section("organisations", self._blob_orgs)

    @property
    def collaborations(self) -> tuple[Any, ...]:
        """Every collaboration, decoded now if not yet (a listing, stats, a graph...)."""
        return self._section("collaborations", self._blob_collabs)

    def organisation(self, org_id: str) -> Any:
        return self._blob_orgs.by_id(org_id)

    def collaboration(self, collab_id: str) -> Any:
        return self._blob_collabs.by_id(collab_id)

    def involving(self, org_id: str) -> tuple[Any, ...]:
        return tuple(map(self._blob_collabs.at, self._positions_by_org.get(org_id, ())))

    def find_organisation(self, name: str) -> Any:
        return self._blob_orgs.named(name)

    def find_collaboration(self, name: str) -> Any:
        return self._blob_collabs.named(name)


# -- the folder, the key and the entries --------------------------------------------------


def _ours(status: os.stat_result, *, folder: bool) -> bool:
    """Whether a file or folder is the user's own and no one else can change it."""
    kind_ok = stat.S_ISDIR(status.st_mode) if folder else stat.S_ISREG(status.st_mode)
    if not kind_ok or status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return False
    return not hasattr(os, "geteuid") or status.st_uid == os.geteuid()


def _safe_folder(folder: Path, *, create: bool) -> bool:
    try:
        if create:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        return _ours(os.lstat(folder), folder=True)
    except OSError:
        return False


def _secret(folder: Path, *, create: bool) -> bytes | None:
    """The user's key for signing entries: made once, 0600, refused if anyone else could know it."""
    path = folder / KEY_FILE
    try:
        if create and not path.exists():
            with suppress(FileExistsError):
                handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(handle, "wb") as out:
                    out.write(os.urandom(32))
        with path.open("rb") as found:
            status = os.fstat(found.fileno())
            if not _ours(status, folder=False) or status.st_mode & 0o077:
                return None
            secret = found.read(64)
    except OSError:
        return None
    return secret if len(secret) == 32 else None


def get(folder: Path, name: str) -> Dataset | None:
    """The dataset stored under `name`, or None if there is none, or it is not to be trusted."""
    if not _safe_folder(folder, create=False) or (secret := _secret(folder, create=False)) is None:
        return None
    try:
        with (folder / f"{name}{SUFFIX}").open("rb") as entry:
            if not _ours(os.fstat(entry.fileno()), folder=False):
                return None
            stored = entry.read()
    except OSError:
        return None
    view = memoryview(stored)  # slices of it share the bytes: no copy of a large entry
    mac, content = view[:_MAC_SIZE], view[_MAC_SIZE:]
    if not hmac.compare_digest(mac, hmac.new(secret, content, hashlib.sha256).digest()):
        return None  # written by no run of this user's: altered, truncated or planted
    try:
        with collector_paused():
            return _loads(content)
    except Exception:  # signed but unreadable: a spacecli with another layout wrote it
        return None


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
    """Store `dataset` under `name`, signed and 0600; quietly give up if that is not safe."""
    if not _safe_folder(folder, create=True) or (secret := _secret(folder, create=True)) is None:
        return
    content = _dumps(dataset)
    signed = hmac.new(secret, content, hashlib.sha256).digest() + content
    with suppress(OSError):
        write_atomically(
            folder / f"{name}{SUFFIX}",
            lambda tmp: tmp.write_bytes(signed),
            replace=True,
            mode=0o600,
        )
        prune(folder)


def prune(folder: Path, *, now: float | None = None) -> None:
    """Keep the newest `KEEP` entries within `MAX_TOTAL` bytes; remove partial writes left by
    killed runs. Only files spacecli names are touched: whatever else is in the folder stays."""
    now = time.time() if now is None else now
    entries = []
    for child in folder.iterdir():
        with suppress(OSError):
            status = child.lstat()
            if _PART.match(child.name) and now - status.st_mtime > STALE_PART:
                child.unlink()
            elif _ENTRY.match(child.name) and _ours(status, folder=False):
                entries.append((status.st_mtime, status.st_size, child))
    entries.sort(reverse=True)
    total = 0
    for number, (_, size, entry) in enumerate(entries):
        total += size
        if number >= KEEP or total > MAX_TOTAL:
            with suppress(OSError):
                entry.unlink()
