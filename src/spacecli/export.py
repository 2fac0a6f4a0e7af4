"""Taking the data elsewhere: subsets, file exports (TOML, JSON, CSV, SQLite) and safe writes."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path
from typing import TextIO

from spacecli import query
from spacecli.data import to_document
from spacecli.errors import SpacecliError
from spacecli.model import Dataset, Goal, Organisation, OrgKind, Status


class ExportFormat(StrEnum):
    """What `spacecli data export` writes."""

    TOML = "toml"
    JSON = "json"
    CSV = "csv"
    SQLITE = "sqlite"


def subset(
    data: Dataset,
    *,
    goal: Goal | None = None,
    agency: Organisation | None = None,
    status: Status | None = None,
    since: int | None = None,
    until: int | None = None,
    country: str | None = None,
    kind: OrgKind | None = None,
) -> Dataset:
    """The part of `data` the filters keep, complete enough to load on its own.

    The collaboration filters are those of `missions`, the organisation filters those of
    `agencies`. With organisation filters, only collaborations with a matching organisation
    are kept. Organisations are the matching ones plus every participant of a kept
    collaboration; comparison rows are kept when all their collaborations are. No filter at
    all keeps everything.
    """
    by_collab = any(f is not None for f in (goal, agency, status, since, until))
    by_org = country is not None or kind is not None
    if not (by_collab or by_org):
        return data
    collabs = query.missions(
        data, goal=goal, agency=agency, status=status, since=since, until=until
    )
    wanted: set[str] = set()
    if by_org:
        wanted = {org.id for org in query.agencies(data, country=country, kind=kind)}
        collabs = [c for c in collabs if wanted & set(c.org_ids)]
    kept_ids = {c.id for c in collabs}
    org_ids = wanted | {org_id for c in collabs for org_id in c.org_ids}
    return Dataset(
        tuple(org for org in data.organisations if org.id in org_ids),
        tuple(c for c in data.collaborations if c.id in kept_ids),  # the data's own order
        tuple(row for row in data.comparisons if set(row.collaborations) <= kept_ids),
    )


# -- formats ------------------------------------------------------------------------------


def write_toml(data: Dataset, out: TextIO) -> None:
    """A data file: `spacecli --no-bundled --data FILE` answers from it as from the original."""
    import tomli_w

    out.write(_HEADER)
    out.write(tomli_w.dumps(to_document(data)))


_HEADER = (
    "# Exported by spacecli: a valid data file (schema: data/README.md in the spacecli\n"
    "# repository). Load it with `spacecli --data FILE` or `spacecli --no-bundled --data FILE`.\n\n"
)


def write_json(data: Dataset, out: TextIO) -> None:
    """The data file's document as JSON: {"organisations": [...], "collaborations": [...], ...}."""
    out.write(json.dumps(to_document(data), ensure_ascii=False, indent=2))
    out.write("\n")


PARTICIPATION_FIELDS = (
    "collaboration_id", "collaboration", "kind", "goals", "start", "launch", "end", "status",
    "organisation_id", "organisation", "role", "contribution", "since", "until",
)  # fmt: skip


def write_csv(data: Dataset, out: TextIO) -> None:
    """One row per organisation in a collaboration: who does what in which collaboration."""
    import csv

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(PARTICIPATION_FIELDS)
    for collab in data.collaborations:
        for part in collab.participants:
            org = data.organisation(part.org)
            writer.writerow(
                [
                    collab.id,
                    collab.name,
                    collab.kind.value,
                    "; ".join(goal.value for goal in collab.goals),
                    collab.start,
                    _cell(collab.launch),
                    _cell(collab.end),
                    collab.status.value,
                    org.id,
                    org.abbreviation,
                    part.role.value,
                    _cell(part.contribution),
                    _cell(part.since),
                    _cell(part.until),
                ]
            )


def _cell(value: object) -> str:
    return "" if value is None else str(value)


SQLITE_SCHEMA = """
CREATE TABLE organisations (
    id TEXT PRIMARY KEY,
    abbreviation TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    founded INTEGER,
    website TEXT,
    note TEXT
);
CREATE TABLE organisation_countries (
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    country TEXT NOT NULL,
    PRIMARY KEY (organisation_id, country)
);
CREATE TABLE collaborations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    start INTEGER NOT NULL,
    launch INTEGER,
    "end" INTEGER,
    status TEXT NOT NULL,
    summary TEXT NOT NULL,
    note TEXT
);
CREATE TABLE goals (
    collaboration_id TEXT NOT NULL REFERENCES collaborations(id),
    goal TEXT NOT NULL,
    PRIMARY KEY (collaboration_id, goal)
);
CREATE TABLE participants (
    collaboration_id TEXT NOT NULL REFERENCES collaborations(id),
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    position INTEGER NOT NULL,
    role TEXT NOT NULL,
    contribution TEXT,
    since INTEGER,
    until INTEGER,
    note TEXT,
    PRIMARY KEY (collaboration_id, organisation_id)
);
CREATE TABLE aliases (
    organisation_id TEXT REFERENCES organisations(id),
    collaboration_id TEXT REFERENCES collaborations(id),
    alias TEXT NOT NULL,
    CHECK ((organisation_id IS NULL) <> (collaboration_id IS NULL))
);
CREATE TABLE sources (
    organisation_id TEXT REFERENCES organisations(id),
    collaboration_id TEXT REFERENCES collaborations(id),
    position INTEGER NOT NULL,
    url TEXT NOT NULL,
    CHECK ((organisation_id IS NULL) <> (collaboration_id IS NULL))
);
CREATE TABLE figures (
    collaboration_id TEXT NOT NULL REFERENCES collaborations(id),
    label TEXT NOT NULL,
    value INTEGER NOT NULL,
    source TEXT NOT NULL
);
CREATE TABLE comparisons (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    partners TEXT NOT NULL,
    type TEXT NOT NULL,
    note TEXT
);
CREATE TABLE comparison_collaborations (
    comparison_id TEXT NOT NULL REFERENCES comparisons(id),
    collaboration_id TEXT NOT NULL REFERENCES collaborations(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (comparison_id, collaboration_id)
);
CREATE VIEW participations AS
    SELECT c.name AS collaboration, c.start, c.status, o.abbreviation AS organisation,
           p.role, p.contribution
    FROM participants AS p
    JOIN collaborations AS c ON c.id = p.collaboration_id
    JOIN organisations AS o ON o.id = p.organisation_id
    ORDER BY c.start, c.name, p.position;
"""


def write_sqlite(data: Dataset, path: Path) -> None:
    """A SQLite database with a table per record kind, keys and foreign keys, at `path`."""
    import contextlib
    import sqlite3

    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA foreign_keys = ON")
        db.executescript(SQLITE_SCHEMA)
        for org in data.organisations:
            db.execute(
                "INSERT INTO organisations VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    org.id,
                    org.abbreviation,
                    org.name,
                    org.kind.value,
                    org.founded,
                    org.website,
                    org.note,
                ),
            )
            db.executemany(
                "INSERT INTO organisation_countries VALUES (?, ?)",
                [(org.id, country) for country in org.countries],
            )
            db.executemany(
                "INSERT INTO aliases VALUES (?, NULL, ?)", [(org.id, a) for a in org.aliases]
            )
            db.executemany(
                "INSERT INTO sources VALUES (?, NULL, ?, ?)",
                [(org.id, n, url) for n, url in enumerate(org.sources, start=1)],
            )
        for c in data.collaborations:
            db.execute(
                "INSERT INTO collaborations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    c.id,
                    c.name,
                    c.kind.value,
                    c.start,
                    c.launch,
                    c.end,
                    c.status.value,
                    c.summary,
                    c.note,
                ),
            )
            db.executemany("INSERT INTO goals VALUES (?, ?)", [(c.id, g.value) for g in c.goals])
            db.executemany(
                "INSERT INTO participants VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (c.id, p.org, n, p.role.value, p.contribution, p.since, p.until, p.note)
                    for n, p in enumerate(c.participants, start=1)
                ],
            )
            db.executemany(
                "INSERT INTO aliases VALUES (NULL, ?, ?)", [(c.id, a) for a in c.aliases]
            )
            db.executemany(
                "INSERT INTO sources VALUES (NULL, ?, ?, ?)",
                [(c.id, n, url) for n, url in enumerate(c.sources, start=1)],
            )
            db.executemany(
                "INSERT INTO figures VALUES (?, ?, ?, ?)",
                [(c.id, f.label, f.value, f.source) for f in c.figures],
            )
        for n, row in enumerate(data.comparisons, start=1):
            db.execute(
                "INSERT INTO comparisons VALUES (?, ?, ?, ?, ?)",
                (row.id, n, row.partners, row.type, row.note),
            )
            db.executemany(
                "INSERT INTO comparison_collaborations VALUES (?, ?, ?)",
                [(row.id, cid, k) for k, cid in enumerate(row.collaborations, start=1)],
            )
        db.commit()


TEXT_WRITERS: dict[ExportFormat, Callable[[Dataset, TextIO], None]] = {
    ExportFormat.TOML: write_toml,
    ExportFormat.JSON: write_json,
    ExportFormat.CSV: write_csv,
}


def export(
    data: Dataset, fmt: ExportFormat, path: Path, *, force: bool, keep: Iterable[Path]
) -> None:
    """Write `data` as `fmt` to `path` safely (see `safe_write`)."""
    if fmt is ExportFormat.SQLITE:
        safe_write(path, lambda tmp: write_sqlite(data, tmp), force=force, keep=keep)
        return
    writer = TEXT_WRITERS[fmt]

    def write_text(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", newline="") as out:
            writer(data, out)

    safe_write(path, write_text, force=force, keep=keep)


# -- safe writes --------------------------------------------------------------------------


def safe_write(
    path: Path, write: Callable[[Path], object], *, force: bool, keep: Iterable[Path] = ()
) -> None:
    """Have `write` fill a new file, then move it to `path` in one step.

    The file is written beside `path` under a temporary name, flushed to disk, then renamed
    into place, so an interrupted or failed write leaves the old file (or none), never part
    of one. An existing `path` is replaced only with `force`, and never when it is one of
    the files in `keep` (the data files being read, which people edit by hand).
    """
    if path.is_dir():
        raise SpacecliError(f"{path} is a folder; give a file name to write")
    if path.exists() and any(_same_file(path, other) for other in keep):
        raise SpacecliError(
            f"{path} is a data file spacecli is reading; spacecli never rewrites those, "
            "so write to another file"
        )
    if path.exists() and not force:
        raise SpacecliError(f"{path} already exists; add --force to replace it")
    import tempfile

    folder = path.parent
    if not folder.is_dir():
        raise SpacecliError(f"cannot write {path}: folder {folder} does not exist")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".part")
    except OSError as exc:
        raise SpacecliError(f"cannot write in {folder}: {exc.strerror or exc}") from None
    os.close(handle)
    tmp = Path(temporary)
    try:
        write(tmp)
        _sync(tmp)
        os.chmod(tmp, 0o666 & ~_umask())
        if force:
            os.replace(tmp, path)
        else:
            _link_without_replacing(tmp, path)
    except FileExistsError:
        raise SpacecliError(f"{path} already exists; add --force to replace it") from None
    except OSError as exc:
        raise SpacecliError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        tmp.unlink(missing_ok=True)


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


def _sync(path: Path) -> None:
    with path.open("rb") as written:
        os.fsync(written.fileno())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _same_file(path: Path, other: Path) -> bool:
    try:
        return path.samefile(other)
    except OSError:
        return False
