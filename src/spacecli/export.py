"""Taking the data elsewhere: subsets, file exports (TOML, JSON, CSV, SQLite) and safe writes."""

from __future__ import annotations

import dataclasses
import json
import os
import stat
from collections.abc import Callable, Iterable
from enum import Enum, StrEnum
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from spacecli import query
from spacecli.data import to_document
from spacecli.errors import SpacecliError
from spacecli.files import write_atomically
from spacecli.model import Collaboration, Dataset, OrgKind
from spacecli.schema import Spec, singular, specs


class ExportFormat(StrEnum):
    """What `spacecli data export` writes."""

    TOML = "toml"
    JSON = "json"
    CSV = "csv"
    SQLITE = "sqlite"


def subset(
    data: Dataset,
    where: query.Filter = query.Filter(),  # noqa: B008 (an immutable NamedTuple)
    *,
    country: str | None = None,
    kind: OrgKind | None = None,
) -> Dataset:
    """The part of `data` the filters keep, complete enough to load on its own.

    `where` filters collaborations as `missions` does; `country` and `kind` filter
    organisations as `agencies` does, and then only collaborations with a matching
    organisation are kept. Organisations are the matching ones plus every participant of a
    kept collaboration; comparison rows are kept when all their collaborations are. No
    filter at all keeps everything.
    """
    by_org = country is not None or kind is not None
    if not (where.any() or by_org):
        return data
    collabs = where.apply(data)
    wanted: set[str] = set()
    if by_org:
        wanted = {org.id for org in query.agencies(data, country=country, kind=kind)}
        collabs = [c for c in collabs if wanted & set(c.org_ids)]
    kept = {c.id: c for c in collabs}  # as the filter sees them (--active-in: that year's)
    kept_ids = set(kept)
    org_ids = _with_referenced(data, wanted | {org_id for c in collabs for org_id in c.org_ids})
    return Dataset(
        tuple(org for org in data.organisations if org.id in org_ids),
        tuple(  # the data's own order; links to collaborations left out are dropped
            _only_links_to(kept[c.id], kept_ids) for c in data.collaborations if c.id in kept_ids
        ),
        tuple(row for row in data.comparisons if set(row.collaborations) <= kept_ids),
    )


def _only_links_to(collab: Collaboration, kept: set[str]) -> Collaboration:
    """The collaboration with its `related` links limited to the `kept` collaborations."""
    related = tuple(other for other in collab.related if other in kept)
    return collab if related == collab.related else dataclasses.replace(collab, related=related)


def _with_referenced(data: Dataset, org_ids: set[str]) -> set[str]:
    """`org_ids` and every organisation they name in a reference field (a parent, a
    predecessor...), however far, so that the subset loads on its own."""
    found, todo = set(org_ids), list(org_ids)
    while todo:
        for other in _organisation_refs(data.organisation(todo.pop())):
            if other not in found:
                found.add(other)
                todo.append(other)
    return found


def _organisation_refs(record: Any) -> list[str]:
    """The organisation ids a record names, in its fields and its sub-records' fields."""
    names: list[str] = []
    for name, spec in specs(type(record)):
        value = getattr(record, name)
        if spec.refers_to == "organisations":
            names += _as_ids(value)
        elif spec.record is not None:
            names += [ref for item in value for ref in _organisation_refs(item)]
    return names


def _as_ids(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    return value if isinstance(value, tuple) else (str(value),)


# -- formats ------------------------------------------------------------------------------


def write_toml(data: Dataset, out: TextIO) -> None:
    """A data file: `spacecli --no-bundled --data FILE` answers from it as from the original."""
    import tomli_w

    out.write(_HEADER)
    out.write(tomli_w.dumps(to_document(data)))


_HEADER = (
    "# Exported by spacecli: a valid data file (schema: docs/data-files.md in the spacecli\n"
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


def write_csv(data: Dataset, out: TextIO, *, escape_formulas: bool = False) -> None:
    """One row per organisation in a collaboration: who does what in which collaboration.

    With `escape_formulas`, cells that a spreadsheet would run as a formula get a `'` first.
    """
    import csv

    from spacecli.render import neutralised

    writer = csv.writer(out, lineterminator="\n")
    clean: Callable[[object], object] = (
        (lambda cell: neutralised(cell) if isinstance(cell, str) else cell)
        if escape_formulas
        else (lambda cell: cell)
    )
    writer.writerow(PARTICIPATION_FIELDS)
    for collab in data.collaborations:
        for part in collab.participants:
            org = data.organisation(part.org)
            writer.writerow(
                clean(cell)
                for cell in [
                    collab.id,
                    collab.name,
                    collab.kind.value,
                    json.dumps([goal.value for goal in collab.goals]),
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


class _Table(NamedTuple):
    """A SQLite table made from the schema: its name, column definitions and constraints."""

    name: str
    columns: tuple[str, ...]
    constraints: tuple[str, ...] = ()

    def create(self) -> str:
        body = ",\n    ".join((*self.columns, *self.constraints))
        return f"CREATE TABLE {self.name} (\n    {body}\n);"


def _sql_type(declared: Spec) -> str:
    return "INTEGER" if declared.kind in ("year", "integer") else "TEXT"


def _owner_column(section: str) -> str:
    return f"{singular(section)}_id"


def _column(name: str, declared: Spec, table: str = "", owner: str = "") -> str:
    """The column a single value goes in: a reference names what it refers to.

    Participant 'org' -> organisation_id, 'parent' -> parent_id; where that is the column of
    the owning record already, the table's own noun: a predecessor's 'org' -> predecessor_id.
    """
    if declared.kind == "ref":
        target = singular(declared.refers_to or "")
        column = f"{target}_id" if target.startswith(singular(name)) else f"{name}_id"
        return f"{singular(table)}_id" if column == owner else column
    return f'"{name}"' if name.upper() in ("END", "ORDER", "GROUP", "KEY") else name


def _scalar_columns(cls: type[Any], table: str = "", owner: str = "") -> list[str]:
    columns = []
    for name, declared in specs(cls):
        if declared.many:
            continue
        column = _column(name, declared, table, owner)
        if declared.kind == "id":
            columns += [f"{column} TEXT PRIMARY KEY", "position INTEGER NOT NULL"]
            continue
        kind = "INTEGER" if declared.kind in ("year", "integer") else "TEXT"
        null = " NOT NULL" if declared.required else ""
        refers = f" REFERENCES {declared.refers_to}(id)" if declared.kind == "ref" else ""
        columns.append(f"{column} {kind}{null}{refers}")
    return columns


def _array_value_column(name: str, declared: Spec) -> str:
    if declared.kind == "ref":
        return f"{_column(name, declared)} TEXT NOT NULL REFERENCES {declared.refers_to}(id)"
    return f"{declared.column or singular(name)} TEXT NOT NULL"


def sqlite_tables() -> tuple[_Table, ...]:
    """The tables a SQLite export holds, derived from the schema declared on the model.

    A section is a table of its records' single values, with their `position` in the data;
    an array of values is a table of (owner id, position, value), shared by the sections
    that have one of the same name (`aliases`, `sources`); an array of sub-records is a
    table of its own. Every table has its primary or foreign keys.
    """
    tables: dict[str, _Table] = {}
    arrays: dict[str, tuple[list[str], str]] = {}  # table -> (owner sections, value column)
    for section, declared in specs(Dataset):
        assert declared.record is not None
        tables[section] = _Table(section, tuple(_scalar_columns(declared.record)))
        owner = _owner_column(section)
        for name, inner in specs(declared.record):
            if inner.record is not None:
                tables[name] = _Table(
                    name,
                    (
                        f"{owner} TEXT NOT NULL REFERENCES {section}(id)",
                        "position INTEGER NOT NULL",
                        *_scalar_columns(inner.record, name, owner),
                    ),
                    (f"PRIMARY KEY ({owner}, position)",),
                )
            elif inner.many:
                table = inner.table or name
                arrays.setdefault(table, ([], _array_value_column(name, inner)))[0].append(section)
                tables.setdefault(table, _Table(table, ()))  # keeps the order of first mention
    for table, (sections, value) in arrays.items():
        if len(sections) == 1:
            owner = _owner_column(sections[0])
            tables[table] = _Table(
                table,
                (
                    f"{owner} TEXT NOT NULL REFERENCES {sections[0]}(id)",
                    "position INTEGER NOT NULL",
                    value,
                ),
                (f"PRIMARY KEY ({owner}, position)",),
            )
            continue
        owners = [_owner_column(section) for section in sections]
        tables[table] = _Table(
            table,
            (
                *(f"{o} TEXT REFERENCES {s}(id)" for o, s in zip(owners, sections, strict=True)),
                "position INTEGER NOT NULL",
                value,
            ),
            ("CHECK (" + " + ".join(f"({o} IS NOT NULL)" for o in owners) + " = 1)",),
        )
    return tuple(tables.values())


#: A view for the commonest question, who does what in which collaboration.
PARTICIPATIONS_VIEW = """
CREATE VIEW participations AS
    SELECT c.name AS collaboration, c.start, c.status, o.abbreviation AS organisation,
           p.role, p.contribution
    FROM participants AS p
    JOIN collaborations AS c ON c.id = p.collaboration_id
    JOIN organisations AS o ON o.id = p.organisation_id
    ORDER BY c.start, c.name, p.position;
"""


def sqlite_schema() -> str:
    """The SQL that creates an export's tables and views."""
    return "\n".join(table.create() for table in sqlite_tables()) + "\n" + PARTICIPATIONS_VIEW


def write_sqlite(data: Dataset, path: Path) -> None:
    """A SQLite database with a table per record kind, keys and foreign keys, at `path`."""
    import contextlib
    import sqlite3

    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA foreign_keys = ON")
        db.executescript(sqlite_schema())
        db.execute("BEGIN")
        db.execute("PRAGMA defer_foreign_keys = ON")  # an organisation may name a later parent
        for section, _ in specs(Dataset):
            for position, record in enumerate(getattr(data, section), start=1):
                _insert(db, section, record, position, None)
        db.commit()


def _insert(db: Any, table: str, record: Any, position: int, owner: tuple[str, str] | None) -> None:
    """Insert `record` into `table` as row `position`, then its arrays into theirs."""
    row: dict[str, Any] = {} if owner is None else {owner[0]: owner[1]}
    row["position"] = position
    arrays = []
    for name, declared in specs(type(record)):
        value = getattr(record, name)
        if declared.many:
            arrays.append((name, declared, value))
        else:
            column = _column(name, declared, table, owner[0] if owner else "")
            row[column] = value.value if isinstance(value, Enum) else value
    marks = ", ".join("?" for _ in row)
    db.execute(f"INSERT INTO {table} ({', '.join(row)}) VALUES ({marks})", tuple(row.values()))
    if owner is not None:
        return  # sub-records hold no arrays of their own
    me = (_owner_column(table), record.id)
    for name, declared, items in arrays:
        if declared.record is not None:
            for number, item in enumerate(items, start=1):
                _insert(db, name, item, number, me)
            continue
        column = _array_value_column(name, declared).split()[0]
        db.executemany(
            f"INSERT INTO {declared.table or name} ({me[0]}, position, {column}) VALUES (?, ?, ?)",
            [
                (me[1], number, item.value if isinstance(item, Enum) else item)
                for number, item in enumerate(items, start=1)
            ],
        )


TEXT_WRITERS: dict[ExportFormat, Callable[[Dataset, TextIO], None]] = {
    ExportFormat.TOML: write_toml,
    ExportFormat.JSON: write_json,
    ExportFormat.CSV: write_csv,
}


def export(
    data: Dataset,
    fmt: ExportFormat,
    path: Path,
    *,
    force: bool,
    keep: Iterable[Path],
    escape_formulas: bool = False,
) -> None:
    """Write `data` as `fmt` to `path` safely (see `safe_write`)."""
    if fmt is ExportFormat.SQLITE:
        import sqlite3

        def write_database(tmp: Path) -> None:
            try:
                write_sqlite(data, tmp)
            except sqlite3.Error as exc:  # a full disk, a file system that cannot lock
                raise OSError(f"SQLite: {exc}") from None

        safe_write(path, write_database, force=force, keep=keep)
        return

    def write_text(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", newline="") as out:
            write(data, fmt, out, escape_formulas=escape_formulas)

    safe_write(path, write_text, force=force, keep=keep)


def write(data: Dataset, fmt: ExportFormat, out: TextIO, *, escape_formulas: bool = False) -> None:
    """Write `data` as the text format `fmt` to `out` (CSV cells neutralised on request)."""
    if fmt is ExportFormat.CSV:
        write_csv(data, out, escape_formulas=escape_formulas)
    else:
        TEXT_WRITERS[fmt](data, out)


# -- safe writes --------------------------------------------------------------------------


def safe_write(
    path: Path, write: Callable[[Path], object], *, force: bool, keep: Iterable[Path] = ()
) -> None:
    """Have `write` fill a new file, then move it to `path` in one step (`write_atomically`).

    Only regular files are written: a folder, a device, a pipe or a socket at `path` is
    refused, never replaced. An existing file is replaced only with `force`, keeping its
    permissions, and never when it is one of the files in `keep` (the data files being read,
    which people edit by hand). A symbolic link is replaced by the new file (what it points
    to is left alone), and other hard links to a replaced file keep the old content.
    """
    try:
        status: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        status = None
    except OSError as exc:
        raise SpacecliError(f"cannot write {_shown(path)}: {exc.strerror or exc}") from None
    if status is not None:
        if stat.S_ISDIR(status.st_mode):
            raise SpacecliError(f"{_shown(path)} is a folder; give a file name to write")
        if not stat.S_ISREG(status.st_mode):
            raise SpacecliError(
                f"{_shown(path)} is not a regular file (a device, pipe or socket); give a "
                "file name, or -o - for standard output"
            )
        if any(_same_file(path, other) for other in keep):
            raise SpacecliError(
                f"{_shown(path)} is a data file spacecli is reading; spacecli never rewrites "
                "those, so write to another file"
            )
        if not force:
            raise SpacecliError(f"{_shown(path)} already exists; add --force to replace it")
    folder = path.parent
    try:
        is_folder = folder.is_dir()
    except OSError:
        is_folder = False
    if not is_folder:
        raise SpacecliError(f"cannot write {_shown(path)}: folder {_shown(folder)} does not exist")
    try:
        write_atomically(
            path,
            write,
            replace=force,
            mode=None if status is None else stat.S_IMODE(status.st_mode),
        )
    except FileExistsError:
        raise SpacecliError(f"{_shown(path)} already exists; add --force to replace it") from None
    except OSError as exc:
        raise SpacecliError(f"cannot write {_shown(path)}: {exc.strerror or exc}") from None


def _shown(path: Path) -> str:
    """A path for a one-line message: cut short when very long."""
    text = str(path)
    return text if len(text) <= 80 else f"{text[:40]}...{text[-30:]}"


def _same_file(path: Path, other: Path) -> bool:
    try:
        return path.samefile(other)
    except OSError:
        return False
