"""Find, read and validate the TOML data file; the only module that knows the file format."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from spacecli.errors import DataError
from spacecli.model import (
    CollabKind,
    Collaboration,
    Comparison,
    Dataset,
    Figure,
    Goal,
    Organisation,
    OrgKind,
    Participant,
    Role,
    Status,
    normalise,
)

DATA_FILE_NAME = "collaborations.toml"

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_URL = re.compile(r"^https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?:[/?#]\S*)?$")
_SYNTAX_POSITION = re.compile(r"^(?P<msg>.*?)\s*\(at line (?P<line>\d+), column (?P<col>\d+)\)$")
YEAR_MIN, YEAR_MAX = 1900, 2100  # collaboration years
FOUNDED_MIN = 1000  # universities and academies can be centuries old

E = TypeVar("E", bound=StrEnum)


def bundled_path() -> Path:
    """The data file that ships with spacecli.

    Installed from a wheel it sits inside the package (``spacecli/data``); in a source
    checkout or an editable install it is the repository's top-level ``data`` folder.
    """
    package_dir = Path(__file__).resolve().parent
    inside = package_dir / "data" / DATA_FILE_NAME
    if inside.is_file():
        return inside
    return package_dir.parent.parent / "data" / DATA_FILE_NAME


class Layer(NamedTuple):
    """One data file in effect, and where it was asked for: bundled, SPACECLI_DATA or --data."""

    path: Path
    origin: str


ENV_VAR = "SPACECLI_DATA"


def layers(
    data_files: Sequence[Path] = (),
    *,
    bundled: bool = True,
    environ: Mapping[str, str] | None = None,
) -> tuple[Layer, ...]:
    """The data files in effect, in the order they apply: later ones override earlier ones.

    The bundled file first (unless `bundled` is false), then the paths in SPACECLI_DATA
    (separated by the OS path separator), then `data_files` (from --data).
    """
    found = [Layer(bundled_path(), "bundled")] if bundled else []
    env = (environ if environ is not None else {}).get(ENV_VAR, "")
    found += [Layer(Path(entry), ENV_VAR) for entry in env.split(os.pathsep) if entry]
    found += [Layer(Path(entry), "--data") for entry in data_files]
    return tuple(found)


class Part(NamedTuple):
    """The records of one data file that are valid on their own, and the problems of the rest.

    `broken` holds the ids of records left out for a problem, so that references to them
    are not reported a second time. References between records are checked by `merge`.
    """

    name: str
    organisations: tuple[Organisation, ...] = ()
    collaborations: tuple[Collaboration, ...] = ()
    comparisons: tuple[Comparison, ...] = ()
    problems: tuple[str, ...] = ()
    broken: frozenset[str] = frozenset()
    references: tuple[tuple[str, str], ...] = ()  # (where, org id) of left-out records


class LayerReport(NamedTuple):
    """What one data file in effect holds and changes: `spacecli data sources`."""

    layer: Layer
    organisations: int
    collaborations: int
    comparisons: int
    added: int
    replaced: int
    problems: int


def describe(files: Sequence[Layer]) -> list[LayerReport]:
    """For each layer, in order: its records, how many are new or replace earlier ones.

    Files with problems are still described (their valid records are counted); `problems`
    counts the problems found in the file itself, not those between files.
    """
    seen: set[tuple[str, str]] = set()
    reports = []
    for layer in files:
        part = read_part(layer.path)
        keys = [
            *(("organisations", o.id) for o in part.organisations),
            *(("collaborations", c.id) for c in part.collaborations),
            *(("comparisons", r.id) for r in part.comparisons),
        ]
        replaced = sum(1 for key in set(keys) if key in seen)
        seen.update(keys)
        reports.append(
            LayerReport(
                layer,
                len(part.organisations),
                len(part.collaborations),
                len(part.comparisons),
                len(set(keys)) - replaced,
                replaced,
                len(part.problems),
            )
        )
    return reports


def load_bundled() -> Dataset:
    """The bundled dataset, read and validated once per process (and cached on disk)."""
    return load((Layer(bundled_path(), "bundled"),))


@cache
def load(files: tuple[Layer, ...]) -> Dataset:
    """The dataset the layers make: each file's records replace same-id ones or add to them.

    Raises `DataError` listing every problem in every file, then every reference or name
    that does not hold once the files are merged. A valid result is kept in the parsed-data
    cache (see `spacecli.cache`), keyed on the very bytes it was parsed from.
    """
    from spacecli import cache as parsed

    contents = []
    for layer in files:
        try:
            status = os.stat(layer.path)
            contents.append((layer.path, status, layer.path.read_bytes()))
        except OSError:  # missing, a folder, unreadable: read_part says which
            return merge([read_part(layer.path) for layer in files])
    folder = parsed.directory(os.environ)
    name = parsed.key(contents) if folder is not None else ""
    if folder is not None and (cached := parsed.get(folder, name)) is not None:
        return cached
    with parsed.collector_paused():
        dataset = merge([parse_part(content, str(path)) for path, _, content in contents])
    if folder is not None:
        parsed.put(folder, name, dataset)
    return dataset


def load_file(path: Path) -> Dataset:
    """Read and validate one data file on its own; raise `DataError` listing every problem."""
    return merge([read_part(path)])


def read_part(path: Path) -> Part:
    """Read one data file and check each record on its own."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Part(str(path), problems=(f"{path}: no such file",))
    except IsADirectoryError:
        return Part(str(path), problems=(f"{path}: is a folder, not a data file",))
    except OSError as exc:
        return Part(str(path), problems=(f"{path}: cannot read: {exc.strerror or exc}",))
    return parse_part(raw, str(path))


def parse_bytes(raw: bytes, name: str) -> Dataset:
    """Decode, parse and validate the bytes of a whole data file called `name`."""
    return merge([parse_part(raw, name)])


def parse_part(raw: bytes, name: str) -> Part:
    """Decode and parse the bytes of a data file called `name` (used in messages)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        byte = f"byte 0x{raw[exc.start]:02x} at offset {exc.start}"
        return Part(name, problems=(f"{name}: not UTF-8 text ({byte})",))
    import tomllib  # not needed when the dataset comes from the cache

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return Part(name, problems=(_syntax_message(name, str(exc)),))
    except RecursionError:
        return Part(name, problems=(f"{name}: TOML syntax error: nested too deeply",))
    return build_part(document, name)


def to_document(data: Dataset) -> dict[str, Any]:
    """The dataset as a data-file document (what tomli-w writes): keys in the file's order.

    Keys without a value, and empty optional lists, are left out: TOML has no null.
    """

    def table(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        required = ("countries", "goals", "sources", "participants", "collaborations")
        return {
            key: value
            for key, value in pairs
            if value is not None and (value != [] or key in required)
        }

    document: dict[str, Any] = {}
    document["organisations"] = [
        table(
            [
                ("id", org.id),
                ("abbreviation", org.abbreviation),
                ("name", org.name),
                ("aliases", list(org.aliases)),
                ("kind", org.kind.value),
                ("countries", list(org.countries)),
                ("founded", org.founded),
                ("website", org.website),
                ("sources", list(org.sources)),
                ("note", org.note),
            ]
        )
        for org in data.organisations
    ]
    document["collaborations"] = [
        table(
            [
                ("id", collab.id),
                ("name", collab.name),
                ("aliases", list(collab.aliases)),
                ("kind", collab.kind.value),
                ("goals", [goal.value for goal in collab.goals]),
                ("start", collab.start),
                ("launch", collab.launch),
                ("end", collab.end),
                ("status", collab.status.value),
                ("summary", collab.summary),
                ("sources", list(collab.sources)),
                ("note", collab.note),
                (
                    "figures",
                    [
                        {"label": f.label, "value": f.value, "source": f.source}
                        for f in collab.figures
                    ],
                ),
                (
                    "participants",
                    [
                        table(
                            [
                                ("org", p.org),
                                ("role", p.role.value),
                                ("contribution", p.contribution),
                                ("since", p.since),
                                ("until", p.until),
                                ("note", p.note),
                            ]
                        )
                        for p in collab.participants
                    ],
                ),
            ]
        )
        for collab in data.collaborations
    ]
    document["comparisons"] = [
        table(
            [
                ("id", row.id),
                ("partners", row.partners),
                ("type", row.type),
                ("collaborations", list(row.collaborations)),
                ("note", row.note),
            ]
        )
        for row in data.comparisons
    ]
    return {key: value for key, value in document.items() if value}


def _syntax_message(name: str, message: str) -> str:
    match = _SYNTAX_POSITION.match(message)
    if match is None:
        return f"{name}: TOML syntax error: {message}"
    return f"{name}:{match['line']}:{match['col']}: TOML syntax error: {match['msg']}"


def build_part(document: dict[str, Any], name: str = "<data>") -> Part:
    """Check each record of a parsed TOML document on its own."""
    checker = _Checker(name)
    for key in document:
        if key not in _TOP_LEVEL:
            checker.problem("", f"unknown top-level key {_q(key)}{_did_you_mean(key, _TOP_LEVEL)}")
    if not any(document.get(key) for key in _TOP_LEVEL) and not checker.problems:
        checker.problem(
            "", "holds no records: add [[organisations]], [[collaborations]] or [[comparisons]]"
        )
    organisations = tuple(
        org
        for where, table in checker.tables(document, "organisations")
        if (org := checker.organisation(where, table)) is not None
    )
    collaborations = tuple(
        collab
        for where, table in checker.tables(document, "collaborations")
        if (collab := checker.collaboration(where, table)) is not None
    )
    comparisons = tuple(
        row
        for where, table in checker.tables(document, "comparisons")
        if (row := checker.comparison(where, table)) is not None
    )
    checker.unique_ids("organisations", [o.id for o in organisations])
    checker.unique_ids("collaborations", [c.id for c in collaborations])
    checker.unique_ids("comparisons", [r.id for r in comparisons])
    return Part(
        name,
        organisations,
        collaborations,
        comparisons,
        tuple(checker.problems),
        frozenset(checker.broken),
        tuple(checker.references),
    )


def merge(parts: Sequence[Part]) -> Dataset:
    """The dataset the parts make in order: a known id is replaced in place, a new one added.

    Raises `DataError` with the parts' own problems, then references to unknown ids and
    names shared by two records, each message naming the file that holds the record.
    """
    orgs: dict[str, tuple[Organisation, str]] = {}
    collabs: dict[str, tuple[Collaboration, str]] = {}
    rows: dict[str, tuple[Comparison, str]] = {}
    for part in parts:
        _overlay(orgs, part.organisations, part.name)
        _overlay(collabs, part.collaborations, part.name)
        _overlay(rows, part.comparisons, part.name)
    broken = frozenset().union(*(part.broken for part in parts))
    problems = [problem for part in parts for problem in part.problems]
    problems += _cross_check(
        list(orgs.values()), list(collabs.values()), list(rows.values()), broken
    )
    known = set(orgs) | broken
    problems += [
        f"{where}: participant 'org' = {_q(org_id)} is not an organisation id"
        f"{_did_you_mean(org_id, orgs)}"
        for part in parts
        for where, org_id in part.references
        if org_id not in known
    ]
    if problems:
        raise DataError(problems)
    return Dataset(
        tuple(o for o, _ in orgs.values()),
        tuple(c for c, _ in collabs.values()),
        tuple(r for r, _ in rows.values()),
    )


R = TypeVar("R", Organisation, Collaboration, Comparison)


def _overlay(merged: dict[str, tuple[R, str]], records: tuple[R, ...], name: str) -> None:
    """Put a file's records over those merged so far; a repeated id in one file keeps its first."""
    seen: set[str] = set()
    for record in records:
        if record.id not in seen:
            merged[record.id] = (record, name)
            seen.add(record.id)


def _cross_check(
    orgs: list[tuple[Organisation, str]],
    collabs: list[tuple[Collaboration, str]],
    rows: list[tuple[Comparison, str]],
    broken: frozenset[str],
) -> list[str]:
    """Problems between records: unknown references and names that point at two records."""
    problems = _shared_names("organisations", [(o.id, o.names, f) for o, f in orgs])
    problems += _shared_names("collaborations", [(c.id, c.names, f) for c, f in collabs])
    org_ids = {o.id for o, _ in orgs}
    collab_ids = {c.id for c, _ in collabs}
    for collab, name in collabs:
        seen: set[str] = set()
        where = f"{name}: collaborations (id {_q(collab.id)})"
        for participant in collab.participants:
            if participant.org not in org_ids and participant.org not in broken:
                problems.append(
                    f"{where}: participant 'org' = {_q(participant.org)} is not an organisation "
                    f"id{_did_you_mean(participant.org, org_ids)}"
                )
            if participant.org in seen:
                problems.append(f"{where}: organisation {_q(participant.org)} is listed twice")
            seen.add(participant.org)
    for row, name in rows:
        for collab_id in row.collaborations:
            if collab_id not in collab_ids and collab_id not in broken:
                problems.append(
                    f"{name}: comparisons (id {_q(row.id)}): 'collaborations' names "
                    f"{_q(collab_id)}, which is not a collaboration id"
                    f"{_did_you_mean(collab_id, collab_ids)}"
                )
    return problems


def _shared_names(section: str, records: list[tuple[str, tuple[str, ...], str]]) -> list[str]:
    problems = []
    owner: dict[str, tuple[str, str, str]] = {}
    for record_id, names, file in records:
        for name in names:
            key = normalise(name)
            if not key:
                continue
            previous = owner.get(key)
            if previous is not None and previous[0] != record_id:
                other_id, other_name, other_file = previous
                elsewhere = "" if other_file == file else f" in {other_file}"
                problems.append(
                    f"{file}: {section} (id {_q(record_id)}): the name {_q(name)} is also a name "
                    f"of {_q(other_id)} ({_q(other_name)}){elsewhere}; names and aliases must "
                    "identify one record"
                )
            owner.setdefault(key, (record_id, name, file))
    return problems


_TOP_LEVEL = ("organisations", "collaborations", "comparisons")
_ORG_KEYS = (
    "id",
    "abbreviation",
    "name",
    "aliases",
    "kind",
    "countries",
    "founded",
    "website",
    "sources",
    "note",
)
_COLLAB_KEYS = (
    "id",
    "name",
    "aliases",
    "kind",
    "goals",
    "start",
    "launch",
    "end",
    "status",
    "summary",
    "sources",
    "note",
    "figures",
    "participants",
)
_PARTICIPANT_KEYS = ("org", "role", "contribution", "since", "until", "note")
_FIGURE_KEYS = ("label", "value", "source")
_COMPARISON_KEYS = ("id", "partners", "type", "collaborations", "note")


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    import difflib  # only on the error path

    close = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6)
    return f" (did you mean {' or '.join(close)}?)" if close else ""


class _Checker:
    """Collects every problem in a document, each phrased with its file, record and key."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[str] = []
        self.broken: set[str] = set()  # ids of records left out for a problem
        self.references: list[tuple[str, str]] = []  # their participants, checked later

    def problem(self, where: str, message: str) -> None:
        self.problems.append(
            f"{self.name}: {where}: {message}" if where else f"{self.name}: {message}"
        )

    # -- containers ---------------------------------------------------------------------

    def tables(self, document: dict[str, Any], key: str) -> list[tuple[str, dict[str, Any]]]:
        value = document.get(key, [])
        if not isinstance(value, list):
            self.problem(key, f"must be an array of tables ([[{key}]]), not {_type_name(value)}")
            return []
        found = []
        for index, table in enumerate(value):
            where = f"{key}[{index}]"
            if not isinstance(table, dict):
                self.problem(where, f"must be a table, not {_type_name(table)}")
                continue
            record_id = table.get("id")
            if isinstance(record_id, str):
                where = f"{where} (id {_q(record_id)})"
            found.append((where, table))
        return found

    def keys(self, where: str, table: dict[str, Any], known: tuple[str, ...]) -> None:
        for key in table:
            if key not in known:
                self.problem(where, f"unknown key {_q(key)}{_did_you_mean(key, known)}")

    # -- scalar fields ------------------------------------------------------------------

    def text(self, where: str, table: dict[str, Any], key: str, *, required: bool) -> str | None:
        value = table.get(key)
        if value is None:
            if required:
                self.problem(where, f"missing required key {_q(key)}")
            return None
        if not isinstance(value, str):
            self.problem(where, f"{_q(key)} must be a string, not {_type_name(value)}")
            return None
        if not value.strip():
            self.problem(where, f"{_q(key)} must not be empty")
            return None
        return value

    def year(
        self,
        where: str,
        table: dict[str, Any],
        key: str,
        *,
        required: bool,
        earliest: int = YEAR_MIN,
    ) -> int | None:
        value = table.get(key)
        if value is None:
            if required:
                self.problem(where, f"missing required key {_q(key)}")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(where, f"{_q(key)} must be a year (an integer), not {_type_name(value)}")
            return None
        if not earliest <= value <= YEAR_MAX:
            self.problem(
                where, f"{_q(key)} = {value} is not a year between {earliest} and {YEAR_MAX}"
            )
            return None
        return value

    def choice(self, where: str, table: dict[str, Any], key: str, vocabulary: type[E]) -> E | None:
        value = self.text(where, table, key, required=True)
        if value is None:
            return None
        try:
            return vocabulary(value)
        except ValueError:
            valid = [member.value for member in vocabulary]
            self.problem(
                where,
                f"{_q(key)} = {_q(value)} is not one of: {', '.join(valid)}"
                f"{_did_you_mean(value, valid)}",
            )
            return None

    def strings(
        self,
        where: str,
        table: dict[str, Any],
        key: str,
        *,
        required: bool,
        check: Callable[[str], str | None] | None = None,
    ) -> tuple[str, ...]:
        value = table.get(key)
        if value is None:
            if required:
                self.problem(where, f"missing required key {_q(key)}")
            return ()
        if not isinstance(value, list):
            self.problem(where, f"{_q(key)} must be an array of strings, not {_type_name(value)}")
            return ()
        items = []
        for item in value:
            if not isinstance(item, str) or not item.strip():
                self.problem(where, f"{_q(key)} must hold non-empty strings, found {_q(item)}")
                continue
            complaint = check(item) if check else None
            if complaint:
                self.problem(where, f"{_q(key)}: {complaint}")
                continue
            items.append(item)
        if required and not value:
            self.problem(where, f"{_q(key)} must not be empty")
        return tuple(items)

    def sources(self, where: str, table: dict[str, Any]) -> tuple[str, ...]:
        return self.strings(where, table, "sources", required=True, check=_url_problem)

    # -- records ------------------------------------------------------------------------

    def organisation(self, where: str, table: dict[str, Any]) -> Organisation | None:
        count = len(self.problems)
        self.keys(where, table, _ORG_KEYS)
        org_id = self.record_id(where, table)
        abbreviation = self.text(where, table, "abbreviation", required=True)
        name = self.text(where, table, "name", required=True)
        kind = self.choice(where, table, "kind", OrgKind)
        countries = self.strings(
            where,
            table,
            "countries",
            required=False,
            check=lambda c: (
                None if _COUNTRY.match(c) else f"{_q(c)} is not an ISO 3166-1 alpha-2 code"
            ),
        )
        if "countries" not in table:
            self.problem(where, "missing required key 'countries'")
        aliases = self.strings(where, table, "aliases", required=False)
        founded = self.year(where, table, "founded", required=False, earliest=FOUNDED_MIN)
        website = self.text(where, table, "website", required=False)
        if website is not None and (complaint := _url_problem(website)):
            self.problem(where, f"'website': {complaint}")
        sources = self.sources(where, table)
        note = self.text(where, table, "note", required=False)
        if len(self.problems) > count or not (org_id and abbreviation and name and kind):
            self.left_out(table)
            return None
        return Organisation(
            id=org_id,
            abbreviation=abbreviation,
            name=name,
            kind=kind,
            countries=countries,
            sources=sources,
            aliases=aliases,
            founded=founded,
            website=website,
            note=note,
        )

    def left_out(self, table: dict[str, Any]) -> None:
        if isinstance(table.get("id"), str):
            self.broken.add(table["id"])

    def record_id(self, where: str, table: dict[str, Any]) -> str | None:
        record_id = self.text(where, table, "id", required=True)
        if record_id is not None and not _ID.match(record_id):
            self.problem(
                where,
                f"'id' = {_q(record_id)} must be lower-case letters, digits and single hyphens",
            )
            return None
        return record_id

    def collaboration(self, where: str, table: dict[str, Any]) -> Collaboration | None:
        count = len(self.problems)
        self.keys(where, table, _COLLAB_KEYS)
        collab_id = self.record_id(where, table)
        name = self.text(where, table, "name", required=True)
        aliases = self.strings(where, table, "aliases", required=False)
        kind = self.choice(where, table, "kind", CollabKind)
        goals = self.goals(where, table)
        start = self.year(where, table, "start", required=True)
        launch = self.year(where, table, "launch", required=False)
        end = self.year(where, table, "end", required=False)
        if start is not None and end is not None and end < start:
            self.problem(where, f"'end' = {end} is before 'start' = {start}")
        status = self.choice(where, table, "status", Status)
        summary = self.text(where, table, "summary", required=True)
        sources = self.sources(where, table)
        note = self.text(where, table, "note", required=False)
        figures = self.figures(where, table)
        participants = self.participants(where, table)
        if len(self.problems) > count or not (collab_id and name and kind and status):
            self.left_out(table)
            raw = table.get("participants")
            self.references += [
                (f"{self.name}: {where}", item["org"])
                for item in (raw if isinstance(raw, list) else [])
                if isinstance(item, dict) and isinstance(item.get("org"), str)
            ]
            return None
        if start is None or summary is None:
            self.left_out(table)
            return None
        return Collaboration(
            id=collab_id,
            name=name,
            kind=kind,
            goals=goals,
            start=start,
            status=status,
            summary=summary,
            sources=sources,
            participants=participants,
            aliases=aliases,
            launch=launch,
            end=end,
            note=note,
            figures=figures,
        )

    def goals(self, where: str, table: dict[str, Any]) -> tuple[Goal, ...]:
        valid = [goal.value for goal in Goal]
        names = self.strings(
            where,
            table,
            "goals",
            required=True,
            check=lambda g: (
                None
                if g in valid
                else f"{_q(g)} is not a goal; goals are: {', '.join(valid)}"
                + _did_you_mean(g, valid)
            ),
        )
        return tuple(Goal(name) for name in names)

    def sub_tables(self, where: str, table: dict[str, Any], key: str) -> list[dict[str, Any]]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.problem(where, f"{_q(key)} must be an array of tables, not {_type_name(value)}")
            return []
        return value

    def figures(self, where: str, table: dict[str, Any]) -> tuple[Figure, ...]:
        figures = []
        for index, item in enumerate(self.sub_tables(where, table, "figures")):
            here = f"{where}: figures[{index}]"
            count = len(self.problems)
            self.keys(here, item, _FIGURE_KEYS)
            label = self.text(here, item, "label", required=True)
            value = item.get("value")
            if isinstance(value, bool) or not isinstance(value, int):
                self.problem(here, f"'value' must be an integer, not {_type_name(value)}")
            source = self.text(here, item, "source", required=True)
            if source is not None and (complaint := _url_problem(source)):
                self.problem(here, f"'source': {complaint}")
            if len(self.problems) == count and label and source and isinstance(value, int):
                figures.append(Figure(label=label, value=value, source=source))
        return tuple(figures)

    def participants(self, where: str, table: dict[str, Any]) -> tuple[Participant, ...]:
        items = self.sub_tables(where, table, "participants")
        if "participants" not in table or not items:
            self.problem(where, "needs at least one [[collaborations.participants]] entry")
        participants = []
        for index, item in enumerate(items):
            here = f"{where}: participants[{index}]"
            count = len(self.problems)
            self.keys(here, item, _PARTICIPANT_KEYS)
            org = self.text(here, item, "org", required=True)
            role = self.choice(here, item, "role", Role)
            contribution = self.text(here, item, "contribution", required=False)
            since = self.year(here, item, "since", required=False)
            until = self.year(here, item, "until", required=False)
            if since is not None and until is not None and until < since:
                self.problem(here, f"'until' = {until} is before 'since' = {since}")
            note = self.text(here, item, "note", required=False)
            if len(self.problems) == count and org and role:
                participants.append(
                    Participant(
                        org=org,
                        role=role,
                        contribution=contribution,
                        since=since,
                        until=until,
                        note=note,
                    )
                )
        return tuple(participants)

    def comparison(self, where: str, table: dict[str, Any]) -> Comparison | None:
        count = len(self.problems)
        self.keys(where, table, _COMPARISON_KEYS)
        row_id = self.record_id(where, table)
        partners = self.text(where, table, "partners", required=True)
        kind = self.text(where, table, "type", required=True)
        collaborations = self.strings(where, table, "collaborations", required=True)
        note = self.text(where, table, "note", required=False)
        if len(self.problems) > count or not (row_id and partners and kind):
            self.left_out(table)
            return None
        return Comparison(
            id=row_id, partners=partners, type=kind, collaborations=collaborations, note=note
        )

    # -- across records of one file -----------------------------------------------------

    def unique_ids(self, section: str, ids: list[str]) -> None:
        seen: set[str] = set()
        for record_id in ids:
            if record_id in seen:
                self.problem(section, f"duplicate id {_q(record_id)}")
            seen.add(record_id)


def _q(value: object) -> str:
    """`value` quoted as in Python, cut short: a message stays a line, whatever the data holds."""
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:50]}...{text[-1]}"


def _url_problem(url: str) -> str | None:
    if _URL.match(url):
        return None
    return f"{_q(url)} is not an https:// URL"


def _type_name(value: object) -> str:
    return {
        str: "a string",
        int: "an integer",
        float: "a number",
        bool: "a boolean",
        list: "an array",
        dict: "a table",
    }.get(type(value), type(value).__name__)
