"""The data-file schema, declared once on the model's fields, and what derives from it.

Each field of a record class carries a `Spec` (kind of value, required, vocabulary, bounds,
a doc line, an example). From those declarations come: validation (`spacecli.data`),
serialisation (`spacecli.data.to_document`), the SQLite schema (`spacecli.export`), the
starter file (`spacecli.starter`), the JSON Schema shipped in the wheel, and the schema tables
in docs/data-files.md. Adding an optional field is a change to the model and the data.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

#: What sort of value a field holds.
#: id: a record's own id; text: a non-empty string; year / integer: whole numbers; url: an
#: https URL; country: an ISO 3166-1 alpha-2 code; choice: a word of `vocabulary`;
#: month: a year and month, YYYY-MM; ref: the id of a record in another section; record: a
#: sub-table of class `record`.
ValueKind = Literal[
    "id", "text", "year", "integer", "url", "country", "month", "choice", "ref", "record"
]

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
COUNTRY_PATTERN = r"^[A-Z]{2}$"
MONTH_PATTERN = r"^(19|20|21)[0-9]{2}-(0[1-9]|1[0-2])$"
# Printable ASCII only: a URL is shown on terminals and written to files as it stands, so it
# may hold no control character, no space and nothing a terminal could act on.
URL_PATTERN = r"^https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?:[/?#][!-~]*)?$"
YEAR_MIN, YEAR_MAX = 1900, 2100  # collaboration years
FOUNDED_MIN = 1000  # universities and academies can be centuries old

ID = re.compile(ID_PATTERN)
COUNTRY = re.compile(COUNTRY_PATTERN)
MONTH = re.compile(MONTH_PATTERN)
URL = re.compile(URL_PATTERN)


@dataclass(frozen=True, slots=True)
class Spec:
    """How one field of a data file is written and checked."""

    kind: ValueKind
    doc: str
    required: bool = False
    many: bool = False  # an array of such values
    min_items: int = 0  # for arrays: the fewest items a valid one holds
    vocabulary: type[StrEnum] | None = None  # for "choice"
    record: type[Any] | None = None  # for "record": the sub-record's class
    refers_to: str | None = None  # for "ref": the section whose ids it names
    earliest: int = YEAR_MIN  # for "year"
    latest: int = YEAR_MAX
    not_before: str | None = None  # for "year": another field this one may not precede
    example: Any = None  # for the starter file; None leaves the field out of it
    table: str | None = None  # for arrays in SQLite: the table (default: the key)
    column: str | None = None  # and the value's column (default: the key, singular)


def spec(
    kind: ValueKind,
    doc: str,
    *,
    required: bool = False,
    many: bool = False,
    min_items: int | None = None,
    vocabulary: type[StrEnum] | None = None,
    record: type[Any] | None = None,
    refers_to: str | None = None,
    earliest: int = YEAR_MIN,
    latest: int = YEAR_MAX,
    not_before: str | None = None,
    example: Any = None,
    table: str | None = None,
    column: str | None = None,
) -> Any:
    """A dataclass field declared with its `Spec`; optional fields default to None or ()."""
    declared = Spec(
        kind,
        doc,
        required,
        many,
        (1 if required else 0) if min_items is None else min_items,
        vocabulary,
        record,
        refers_to,
        earliest,
        latest,
        not_before,
        example,
        table,
        column,
    )
    metadata = {"spec": declared}
    if required:
        return field(metadata=metadata)
    return field(default=() if many else None, metadata=metadata)


def specs(cls: type[Any]) -> tuple[tuple[str, Spec], ...]:
    """The declared fields of a record class, in the data file's order."""
    return _SPECS[cls] if cls in _SPECS else _SPECS.setdefault(cls, _declared(cls))


_SPECS: dict[type[Any], tuple[tuple[str, Spec], ...]] = {}


def _declared(cls: type[Any]) -> tuple[tuple[str, Spec], ...]:
    return tuple(
        (f.name, f.metadata["spec"]) for f in dataclasses.fields(cls) if "spec" in f.metadata
    )


def singular(word: str) -> str:
    """'organisations' -> 'organisation', 'aliases' -> 'alias', 'countries' -> 'country'."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("ses"):
        return word[:-2]
    return word.removesuffix("s")


def records(root: type[Any]) -> Iterator[tuple[str, type[Any]]]:
    """Every record class reachable from `root`, with the key that holds it, parents first."""
    for name, declared in specs(root):
        if declared.kind == "record" and declared.record is not None:
            yield name, declared.record
            yield from records(declared.record)


# -- JSON Schema --------------------------------------------------------------------------


def json_schema(root: type[Any], title: str) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of a data file whose top level is the class `root`.

    Editors that read TOML through JSON Schema (Taplo: Even Better TOML in VS Code, and
    others) validate and complete a data file with it as it is typed.
    """
    definitions = {
        _definition_name(name): _object_schema(cls) for name, cls in records(root) if specs(cls)
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        **_object_schema(root),
        "$defs": definitions,
    }


def _definition_name(key: str) -> str:
    return singular(key)


def _object_schema(cls: type[Any]) -> dict[str, Any]:
    declared = specs(cls)
    schema: dict[str, Any] = {
        "type": "object",
        "description": _summary(cls),
        "additionalProperties": False,
        "properties": {name: _property(name, s) for name, s in declared},
    }
    required = [name for name, s in declared if s.required]
    if required:
        schema["required"] = required
    return schema


def _property(name: str, declared: Spec) -> dict[str, Any]:
    one = _value_schema(name, declared)
    if declared.many:
        one = {"type": "array", "items": one}
        if declared.min_items:
            one["minItems"] = declared.min_items
    return {"description": declared.doc, **one}


def _value_schema(name: str, declared: Spec) -> dict[str, Any]:
    if declared.kind == "record":
        return {"$ref": f"#/$defs/{_definition_name(name)}"}
    if declared.kind == "choice" and declared.vocabulary is not None:
        return {"type": "string", "enum": [member.value for member in declared.vocabulary]}
    if declared.kind == "year":
        return {"type": "integer", "minimum": declared.earliest, "maximum": declared.latest}
    if declared.kind == "integer":
        return {"type": "integer"}
    pattern = {
        "id": ID_PATTERN,
        "url": URL_PATTERN,
        "country": COUNTRY_PATTERN,
        "month": MONTH_PATTERN,
    }
    return {"type": "string", "pattern": pattern.get(declared.kind, r"\S")}


# -- documentation ------------------------------------------------------------------------


def markdown_tables(root: type[Any]) -> str:
    """The schema as Markdown: a table of keys per record kind, then the vocabularies."""
    parts: list[str] = []
    vocabularies: dict[str, type[StrEnum]] = {}
    sections = [(key, cls, f"[[{key}]]") for key, cls in records(root)]
    for key, cls, header in sections:
        parent = next(
            (h for _, c, h in sections if any(n == key and s.record for n, s in specs(c))), ""
        )
        toml_header = f"[[{parent[2:-2]}.{key}]]" if parent else header
        title = _summary(cls)
        parts.append(f"### `{toml_header}`\n\n{title}\n")
        parts.append("| key | required | value | meaning |\n|---|---|---|---|")
        for name, declared in specs(cls):
            if declared.vocabulary is not None:
                vocabularies[name] = declared.vocabulary
            parts.append(
                f"| `{name}` | {'yes' if declared.required else 'no'} | "
                f"{_value_words(declared)} | {declared.doc} |"
            )
        parts.append("")
    parts.append("### Vocabularies\n")
    parts.append("| key | words |\n|---|---|")
    for name, vocabulary in vocabularies.items():
        words = ", ".join(f"`{member.value}`" for member in vocabulary)
        parts.append(f"| `{name}` | {words} |")
    return "\n".join(parts) + "\n"


def _value_words(declared: Spec) -> str:
    one = {
        "id": "id (lower-case letters, digits, single hyphens)",
        "text": "text",
        "year": f"year ({declared.earliest}-{declared.latest})",
        "integer": "integer",
        "url": "https URL",
        "country": "ISO 3166-1 alpha-2 code",
        "month": "year and month, YYYY-MM",
        "choice": "a word of the vocabulary",
        "ref": f"id of one of the {declared.refers_to}",
        "record": "table",
    }[declared.kind]
    if not declared.many:
        return one
    least = f", at least {declared.min_items}" if declared.min_items else ""
    return f"array of: {one}{least}"


def _summary(cls: type) -> str:
    """A record class's docstring up to its first blank line, as one line."""
    return " ".join((cls.__doc__ or "").strip().split("\n\n")[0].split())
