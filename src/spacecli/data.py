"""Find, read and validate TOML data files; the only module that knows the file format.

What a valid file holds is declared once, on the model's fields (`spacecli.schema`): this
module checks a parsed document against those declarations and writes a dataset back out.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import Enum, StrEnum
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from spacecli.errors import DataError
from spacecli.model import (
    Collaboration,
    Comparison,
    Dataset,
    Organisation,
    Withdrawal,
    normalise,
)
from spacecli.schema import COUNTRY, ID, MONTH, URL, Spec, records, singular, specs

DATA_FILE_NAME = "collaborations.toml"

_SYNTAX_POSITION = re.compile(r"^(?P<msg>.*?)\s*\(at line (?P<line>\d+), column (?P<col>\d+)\)$")


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


class Origin(StrEnum):
    """Where a data file in effect was asked for."""

    BUNDLED = "bundled"
    ENVIRONMENT = "SPACECLI_DATA"
    OPTION = "--data"
    ARGUMENT = "argument"  # `spacecli data validate FILE`
    CALLER = "caller"  # `spacecli.load(FILE)` from Python


class Layer(NamedTuple):
    """One data file in effect, and where it was asked for."""

    path: Path
    origin: Origin


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
    found = [Layer(bundled_path(), Origin.BUNDLED)] if bundled else []
    env = (environ if environ is not None else {}).get(ENV_VAR, "")
    found += [Layer(Path(entry), Origin.ENVIRONMENT) for entry in env.split(os.pathsep) if entry]
    found += [Layer(Path(entry), Origin.OPTION) for entry in data_files]
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
    withdrawn: tuple[Withdrawal, ...] = ()
    problems: tuple[str, ...] = ()
    broken: frozenset[str] = frozenset()
    references: tuple[tuple[str, str], ...] = ()  # (where, org id) of left-out records


class LayerReport(NamedTuple):
    """What one data file in effect holds and changes: `spacecli data sources`.

    `replaced` names the records (section and id) that replace records of earlier files.
    """

    layer: Layer
    organisations: int
    collaborations: int
    comparisons: int
    added: int
    replaced: tuple[tuple[str, str], ...]
    problems: int


class Report(NamedTuple):
    """Everything `check` found: each file's report, every problem, and the dataset if valid."""

    files: tuple[LayerReport, ...]
    problems: tuple[str, ...]
    dataset: Dataset | None


def load(*files: str | os.PathLike[str], bundled: bool = True) -> Dataset:
    """The dataset the bundled data and `files` make, later files overriding earlier ones.

    Each file's records replace same-id records of the files before it, or add to them.
    `bundled=False` leaves out the bundled data. Raises `DataError` listing every problem.
    Every call reads the files again: an edited file gives the edited data.
    """
    found = (Layer(bundled_path(), Origin.BUNDLED),) if bundled else ()
    return load_layers((*found, *(Layer(Path(f), Origin.CALLER) for f in files)))


def loads(text: str | bytes, name: str = "<data>") -> Dataset:
    """The dataset one data file's text makes, on its own; `name` is used in messages."""
    raw = text.encode() if isinstance(text, str) else text
    return merge([parse_part(raw, name)])


MAX_FILE_SIZE = 100 * 1024 * 1024  # bytes: a data file larger than this is refused
MAX_KEY_PARTS = 100  # dotted parts in one key (a.b.c...): deeper keys are refused
_CHUNK = 1024 * 1024


def load_layers(files: Sequence[Layer]) -> Dataset:
    """The dataset the layers make (see `load`), through the parsed-data cache.

    The cache (see `spacecli.cache`) is keyed on the files' paths, sizes, times and the hash
    of their bytes, read in chunks; only when it has no entry are the files read whole,
    parsed and checked, and a valid result stored for the next run.
    """
    from spacecli import cache as parsed

    hashed = []
    for layer in files:
        try:
            hashed.append((layer.path, *_hash(layer.path)))
        except (OSError, DataError):  # check() says what is wrong with the file
            break
    else:
        name = parsed.key(hashed)
        if (remembered := _MEMO.get(name)) is not None:
            return remembered
        folder = parsed.directory(os.environ)
        dataset = parsed.get(folder, name) if folder is not None else None
        if dataset is None:
            with parsed.collector_paused():
                report = check(files)
            if report.dataset is None:
                raise DataError(list(report.problems))
            dataset = report.dataset
            if folder is not None:
                parsed.put(folder, name, dataset)
        _remember(name, dataset)
        return dataset
    report = check(files)
    if report.dataset is None:
        raise DataError(list(report.problems))
    return report.dataset  # pragma: no cover (a file that could not be hashed is invalid)


def _hash(path: Path) -> tuple[os.stat_result, bytes]:
    """What stat says of a data file, and the SHA-256 of its bytes, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as found:
        status = os.fstat(found.fileno())
        read = 0
        while chunk := found.read(_CHUNK):
            read += len(chunk)
            if read > MAX_FILE_SIZE:
                raise DataError([_too_large(path)])
            digest.update(chunk)
    return status, digest.digest()


def _too_large(path: Path | str) -> str:
    return f"{path}: too large: spacecli reads data files of at most {MAX_FILE_SIZE // 2**20} MiB"


def _read_capped(path: Path) -> bytes:
    """The bytes of a data file, read in chunks (Ctrl-C works) up to `MAX_FILE_SIZE`."""
    parts = []
    read = 0
    with path.open("rb") as found:
        while chunk := found.read(_CHUNK):
            read += len(chunk)
            if read > MAX_FILE_SIZE:
                raise DataError([_too_large(path)])
            parts.append(chunk)
    return b"".join(parts)


_MEMO: dict[str, Dataset] = {}
_MEMO_SIZE = 4


def _remember(name: str, dataset: Dataset) -> None:
    """Keep the last few datasets in this process, keyed as the cache is: on the files' bytes,
    so an edited file is read again and a long-lived process never answers from old data."""
    _MEMO[name] = dataset
    while len(_MEMO) > _MEMO_SIZE:
        del _MEMO[next(iter(_MEMO))]


def check(files: Sequence[Layer]) -> Report:
    """Read and check every file: what each holds, adds and replaces, and every problem.

    Files with problems are still described (their valid records are counted); a file's
    `problems` counts those found in the file itself, not those between files.
    """
    parts = [read_part(layer.path) for layer in files]
    seen: set[tuple[str, str]] = set()
    reports = []
    for layer, part in zip(files, parts, strict=True):
        keys = list(
            dict.fromkeys(
                [
                    *(("organisations", o.id) for o in part.organisations),
                    *(("collaborations", c.id) for c in part.collaborations),
                    *(("comparisons", r.id) for r in part.comparisons),
                ]
            )
        )
        replaced = tuple(key for key in keys if key in seen)
        seen.update(keys)
        reports.append(
            LayerReport(
                layer,
                len(part.organisations),
                len(part.collaborations),
                len(part.comparisons),
                len(keys) - len(replaced),
                replaced,
                len(part.problems),
            )
        )
    try:
        dataset = merge(parts)
    except DataError as error:
        return Report(tuple(reports), error.problems, None)
    return Report(tuple(reports), (), dataset)


def read_part(path: Path) -> Part:
    """Read one data file and check each record on its own."""
    try:
        raw = _read_capped(path)
    except DataError as error:
        return Part(str(path), problems=error.problems)
    except FileNotFoundError:
        return Part(str(path), problems=(f"{path}: no such file",))
    except IsADirectoryError:
        return Part(str(path), problems=(f"{path}: is a folder, not a data file",))
    except OSError as exc:
        return Part(str(path), problems=(f"{path}: cannot read: {exc.strerror or exc}",))
    return parse_part(raw, str(path))


def parse_part(raw: bytes, name: str) -> Part:
    """Decode and parse the bytes of a data file called `name` (used in messages)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        byte = f"byte 0x{raw[exc.start]:02x} at offset {exc.start}"
        return Part(name, problems=(f"{name}: not UTF-8 text ({byte})",))
    import tomllib  # not needed when the dataset comes from the cache

    if (deep := _deepest_key(text)) > MAX_KEY_PARTS:
        return Part(
            name, problems=(f"{name}: a key has {deep} dotted parts; at most {MAX_KEY_PARTS}",)
        )
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return Part(name, problems=(_syntax_message(name, str(exc)),))
    except RecursionError:
        return Part(name, problems=(f"{name}: TOML syntax error: nested too deeply",))
    return build_part(document, name)


_QUOTED = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'')


def _deepest_key(text: str) -> int:
    """The most dotted parts in a key or table header of `text` (a cheap check, before tomllib:
    the parser of some Python 3.11 releases takes quadratic time on very long dotted keys)."""
    if text.count(".") <= MAX_KEY_PARTS:
        return 0
    deepest = 0
    for line in text.splitlines():
        stripped = line.lstrip()
        if stripped.startswith("["):
            head = stripped
        elif "=" in stripped:
            head = stripped.split("=", 1)[0]
        else:
            continue
        if head.count(".") > MAX_KEY_PARTS:
            deepest = max(deepest, _QUOTED.sub("", head).count(".") + 1)
    return deepest


def to_document(data: Dataset) -> dict[str, Any]:
    """The dataset as a data-file document (what tomli-w writes): keys in the file's order.

    Keys without a value, and empty optional lists, are left out: TOML has no null. An
    empty section is left out too.
    """
    return _table(data)


def _table(record: Any) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for name, declared in specs(type(record)):
        value = getattr(record, name)
        if value is None or (value == () and not declared.required):
            continue
        table[name] = [_plain(item) for item in value] if declared.many else _plain(value)
    return table


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, int | str):
        return value
    return _table(value)


def _syntax_message(name: str, message: str) -> str:
    match = _SYNTAX_POSITION.match(message)
    if match is None:
        return f"{name}: TOML syntax error: {message}"
    return f"{name}:{match['line']}:{match['col']}: TOML syntax error: {match['msg']}"


def build_part(document: dict[str, Any], name: str = "<data>") -> Part:
    """Check each record of a parsed TOML document on its own."""
    checker = _Checker(name)
    sections = specs(Dataset)
    top_level = [key for key, _ in sections]
    for key in document:
        if key not in top_level:
            checker.problem("", f"unknown top-level key {_q(key)}{_did_you_mean(key, top_level)}")
    if not any(document.get(key) for key in top_level) and not checker.problems:
        tables = [f"[[{key}]]" for key in top_level if key != "withdrawn"]  # not records
        holds = f"{', '.join(tables[:-1])} or {tables[-1]}"
        checker.problem("", f"holds no records: add {holds}")
    found: dict[str, tuple[Any, ...]] = {}
    for key, declared in sections:
        assert declared.record is not None
        found[key] = tuple(
            record
            for where, table in checker.tables(document, key)
            if (record := checker.top_record(where, table, declared.record)) is not None
        )
    for key, records_found in found.items():
        checker.unique_ids(key, [record.id for record in records_found])
    return Part(
        name,
        found["organisations"],
        found["collaborations"],
        found["comparisons"],
        found["withdrawn"],
        tuple(checker.problems),
        frozenset(checker.broken),
        tuple(checker.references),
    )


def merge(parts: Sequence[Part]) -> Dataset:
    """The dataset the parts make in order: a known id is replaced in place, a new one added.

    Raises `DataError` with the parts' own problems, then references to unknown ids and
    names shared by two records, each message naming the file that holds the record.
    """
    merged: dict[str, dict[str, tuple[Any, str]]] = {key: {} for key, _ in specs(Dataset)}
    for part in parts:
        for key, records_merged in merged.items():
            _overlay(records_merged, getattr(part, key), part.name)
    broken = frozenset().union(*(part.broken for part in parts))
    problems = [problem for part in parts for problem in part.problems]
    problems += _cross_check(merged, broken)
    problems += _withdrawals(merged)
    known = set(merged["organisations"]) | broken
    suggest = _suggester(merged)
    problems += [
        f"{where}: participant 'org' = {_q(org_id)} is not an organisation id"
        f"{suggest('organisations', org_id)}"
        for part in parts
        for where, org_id in part.references
        if org_id not in known
    ]
    if problems:
        raise DataError(problems)
    return Dataset(*(tuple(record for record, _ in found.values()) for found in merged.values()))


R = TypeVar("R", Organisation, Collaboration, Comparison, Withdrawal)


def _withdrawals(merged: dict[str, dict[str, tuple[Any, str]]]) -> list[str]:
    """Drop the withdrawals of ids that a file holds as records (the record is what counts),
    and report those that name a replacement that is not there."""
    withdrawn = merged["withdrawn"]
    for record_id, (entry, _) in list(withdrawn.items()):
        if record_id in merged[entry.section.value]:
            del withdrawn[record_id]
    suggest = _suggester(merged)
    return [
        f"{name}: withdrawn (id {_q(entry.id)}): 'replaced_by' names {_q(entry.replaced_by)}, "
        f"which is not {_article(singular(entry.section.value))} id"
        f"{suggest(entry.section.value, entry.replaced_by)}"
        for entry, name in withdrawn.values()
        if entry.replaced_by is not None and entry.replaced_by not in merged[entry.section.value]
    ]


def _overlay(merged: dict[str, tuple[R, str]], records: tuple[R, ...], name: str) -> None:
    """Put a file's records over those merged so far; a repeated id in one file keeps its first."""
    seen: set[str] = set()
    for record in records:
        if record.id not in seen:
            merged[record.id] = (record, name)
            seen.add(record.id)


SUGGESTED_NAMES = 10  # distinct unknown ids that get a "did you mean"; the rest go without


def _suggester(merged: dict[str, dict[str, tuple[Any, str]]]) -> Callable[[str, str], str]:
    """`did you mean` for an unknown id of a section, worked out once per distinct id, and
    only for the first few: each costs a pass over every id, and a renamed organisation can
    leave thousands of references behind."""
    found: dict[tuple[str, str], str] = {}

    def suggest(section: str, word: str) -> str:
        if (section, word) not in found:
            found[(section, word)] = (
                _did_you_mean(word, merged[section]) if len(found) < SUGGESTED_NAMES else ""
            )
        return found[(section, word)]

    return suggest


def _cross_check(
    merged: dict[str, dict[str, tuple[Any, str]]], broken: frozenset[str]
) -> list[str]:
    """Problems between records: names that point at two records, then every reference
    (a field declared `ref`, in a record or its sub-records) to an id that does not exist."""
    problems = []
    for key in ("organisations", "collaborations"):
        problems += _shared_names(key, [(r.id, r.names, f) for r, f in merged[key].values()])
    suggest = _suggester(merged)

    def unknown(section: str, target_id: str) -> bool:
        return target_id not in merged[section] and target_id not in broken

    for key, _ in specs(Dataset):
        for record, name in merged[key].values():
            where = f"{name}: {key} (id {_q(record.id)})"
            for field_name, spec in specs(type(record)):
                value = getattr(record, field_name)
                if spec.kind == "ref" and spec.refers_to:
                    target = spec.refers_to
                    for ref in value if spec.many else () if value is None else (value,):
                        if unknown(target, ref):
                            problems.append(
                                f"{where}: {_q(field_name)} names {_q(ref)}, which is not "
                                f"{_article(singular(target))} id{suggest(target, ref)}"
                            )
                elif spec.record is not None and spec.many:
                    problems += _sub_record_refs(where, field_name, value, unknown, suggest)
            if isinstance(record, Collaboration):
                problems += _listed_twice(where, record)
    return problems


def _sub_record_refs(
    where: str,
    key: str,
    items: tuple[Any, ...],
    unknown: Callable[[str, str], bool],
    suggest: Callable[[str, str], str],
) -> list[str]:
    problems = []
    for item in items:
        for field_name, spec in specs(type(item)):
            ref = getattr(item, field_name)
            if (
                spec.kind == "ref"
                and spec.refers_to
                and ref is not None
                and unknown(spec.refers_to, ref)
            ):
                problems.append(
                    f"{where}: {singular(key)} {_q(field_name)} = {_q(ref)} is not "
                    f"{_article(singular(spec.refers_to))} id{suggest(spec.refers_to, ref)}"
                )
    return problems


def _listed_twice(where: str, collab: Collaboration) -> list[str]:
    seen: set[str] = set()
    problems = []
    for participant in collab.participants:
        if participant.org in seen:
            problems.append(f"{where}: organisation {_q(participant.org)} is listed twice")
        seen.add(participant.org)
    return problems


def _article(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


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


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    import difflib  # only on the error path

    close = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6)
    return f" (did you mean {' or '.join(close)}?)" if close else ""


class _Checker:
    """Collects every problem in a document, each phrased with its file, record and key.

    One loop over the fields a record class declares (`spacecli.schema.Spec`) checks every
    kind of record; a record with any problem is left out, and its id remembered.
    """

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

    # -- records ------------------------------------------------------------------------

    def top_record(self, where: str, table: dict[str, Any], cls: type[Any]) -> Any:
        """A record of a top-level section, or None (its id and references remembered)."""
        record = self.record(where, table, cls)
        if record is None:
            if isinstance(table.get("id"), str):
                self.broken.add(table["id"])
            self.references += [
                (f"{self.name}: {where}", org_id) for org_id in _organisation_refs(table, cls)
            ]
        return record

    def record(self, where: str, table: dict[str, Any], cls: type[Any]) -> Any:
        """The record `table` holds, checked field by field against `cls`; None if invalid."""
        count = len(self.problems)
        declared = specs(cls)
        known = [name for name, _ in declared]
        for key in table:
            if key not in known:
                self.problem(where, f"unknown key {_q(key)}{_did_you_mean(key, known)}")
        values: dict[str, Any] = {}
        for name, spec in declared:
            values[name] = later = self.field(where, table, name, spec, cls)
            first = values.get(spec.not_before or "")
            if spec.not_before and first is not None and later is not None and later < first:
                self.problem(
                    where, f"{_q(name)} = {later} is before {_q(spec.not_before)} = {first}"
                )
        if len(self.problems) > count:
            return None
        return cls(**{name: value for name, value in values.items() if value is not None})

    def field(self, where: str, table: dict[str, Any], key: str, spec: Spec, cls: type[Any]) -> Any:
        value = table.get(key)
        if spec.kind == "record":
            return self.sub_records(where, table, key, spec, cls)
        if value is None:
            if spec.required:
                self.problem(where, f"missing required key {_q(key)}")
            return None
        if not spec.many:
            return self.scalar(where, key, value, spec)
        if not isinstance(value, list):
            self.problem(where, f"{_q(key)} must be an array of strings, not {_type_name(value)}")
            return None
        items = []
        for item in value:
            if not isinstance(item, str) or not item.strip():
                self.problem(where, f"{_q(key)} must hold non-empty strings, found {_q(item)}")
                continue
            complaint = _complaint(key, item, spec)
            if complaint:
                self.problem(where, f"{_q(key)}: {complaint}")
                continue
            items.append(_converted(item, spec))
        if len(value) < spec.min_items:
            self.problem(where, f"{_q(key)} must not be empty")
        return tuple(items)

    def sub_records(
        self, where: str, table: dict[str, Any], key: str, spec: Spec, cls: type[Any]
    ) -> tuple[Any, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.problem(where, f"{_q(key)} must be an array of tables, not {_type_name(value)}")
            return ()
        if len(value) < spec.min_items:
            parent = next((k for k, c in records(Dataset) if c is cls), singular(key))
            self.problem(where, f"needs at least one [[{parent}.{key}]] entry")
        assert spec.record is not None
        found = [
            self.record(f"{where}: {key}[{n}]", item, spec.record) for n, item in enumerate(value)
        ]
        return tuple(record for record in found if record is not None)

    def scalar(self, where: str, key: str, value: Any, spec: Spec) -> Any:
        if spec.kind in ("year", "integer"):
            if isinstance(value, bool) or not isinstance(value, int):
                wanted = "a year (an integer)" if spec.kind == "year" else "an integer"
                self.problem(where, f"{_q(key)} must be {wanted}, not {_type_name(value)}")
                return None
            if spec.kind == "year" and not spec.earliest <= value <= spec.latest:
                self.problem(
                    where,
                    f"{_q(key)} = {value} is not a year between {spec.earliest} and {spec.latest}",
                )
                return None
            return value
        if not isinstance(value, str):
            self.problem(where, f"{_q(key)} must be a string, not {_type_name(value)}")
            return None
        if not value.strip():
            self.problem(where, f"{_q(key)} must not be empty")
            return None
        if spec.kind == "id" and not ID.match(value):
            self.problem(
                where,
                f"{_q(key)} = {_q(value)} must be lower-case letters, digits and single hyphens",
            )
            return None
        if spec.kind == "choice" and spec.vocabulary is not None:
            valid = [member.value for member in spec.vocabulary]
            if value not in valid:
                self.problem(
                    where,
                    f"{_q(key)} = {_q(value)} is not one of: {', '.join(valid)}"
                    f"{_did_you_mean(value, valid)}",
                )
                return None
        complaint = _complaint(key, value, spec)
        if complaint:
            self.problem(where, f"{_q(key)}: {complaint}")
            return None
        return _converted(value, spec)

    # -- across records of one file -----------------------------------------------------

    def unique_ids(self, section: str, ids: list[str]) -> None:
        seen: set[str] = set()
        for record_id in ids:
            if record_id in seen:
                self.problem(section, f"duplicate id {_q(record_id)}")
            seen.add(record_id)


def _complaint(key: str, value: str, spec: Spec) -> str | None:
    """What is wrong with a string `value` of a field, beyond being a non-empty string."""
    if spec.kind == "url" and not URL.match(value):
        return f"{_q(value)} is not an https:// URL"
    if spec.kind == "country" and not COUNTRY.match(value):
        return f"{_q(value)} is not an ISO 3166-1 alpha-2 code"
    if spec.kind == "month" and not MONTH.match(value):
        return f"{_q(value)} is not a year and month (YYYY-MM)"
    if spec.many and spec.kind == "choice" and spec.vocabulary is not None:
        valid = [member.value for member in spec.vocabulary]
        if value not in valid:
            noun = singular(key)
            return f"{_q(value)} is not a {noun}; {key} are: {', '.join(valid)}" + _did_you_mean(
                value, valid
            )
    return None


def _converted(value: str, spec: Spec) -> Any:
    return spec.vocabulary(value) if spec.kind == "choice" and spec.vocabulary else value


def _organisation_refs(table: dict[str, Any], cls: type[Any]) -> list[str]:
    """The organisation ids a record's sub-records name, as written (for a left-out record)."""
    found = []
    for key, spec in specs(cls):
        items = table.get(key)
        if spec.record is None or not isinstance(items, list):
            continue
        refs = [k for k, s in specs(spec.record) if s.refers_to == "organisations"]
        found += [
            item[ref]
            for item in items
            if isinstance(item, dict)
            for ref in refs
            if isinstance(item.get(ref), str)
        ]
    return found


def _q(value: object) -> str:
    """`value` quoted as in Python, cut short: a message stays a line, whatever the data holds."""
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:50]}...{text[-1]}"


def _type_name(value: object) -> str:
    return {
        str: "a string",
        int: "an integer",
        float: "a number",
        bool: "a boolean",
        list: "an array",
        dict: "a table",
    }.get(type(value), type(value).__name__)
