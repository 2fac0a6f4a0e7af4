"""What is generated from the declarations is current, and the JSON Schema says what the loader
says: the bundled data, the starter file and an export all validate against it."""

from __future__ import annotations

import importlib.util
import io
import json
import sys
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import pytest

from spacecli import data as datafiles
from spacecli import export
from spacecli.starter import schema_path, starter

ROOT = Path(__file__).resolve().parent.parent


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate", ROOT / "tools" / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate"] = module
    spec.loader.exec_module(module)
    return module


GENERATE = _generator()
SCHEMA = json.loads(schema_path().read_text("utf-8"))


def test_generated_files_are_current() -> None:
    """The JSON Schema, the schema tables and the reference: run tools/generate.py if not."""
    assert GENERATE.stale() == []


def test_the_reference_covers_every_command() -> None:
    reference = (ROOT / "docs" / "reference.md").read_text("utf-8")
    for path in GENERATE.command_paths():
        assert f"## spacecli {path}\n" in reference


def validate(document: dict[str, Any]) -> None:
    jsonschema.validate(document, SCHEMA, cls=jsonschema.Draft202012Validator)


def test_the_bundled_data_is_valid_by_the_schema() -> None:
    validate(tomllib.loads(datafiles.bundled_path().read_text("utf-8")))


def test_the_starter_file_is_valid_by_the_schema() -> None:
    validate(tomllib.loads(starter()))


def test_a_toml_export_is_valid_by_the_schema() -> None:
    out = io.StringIO()
    export.write_toml(export.subset(datafiles.load(), country="JP"), out)
    validate(tomllib.loads(out.getvalue()))


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (lambda d: d["organisations"][0].update(colour="red"), "colour"),
        (lambda d: d["organisations"][0].update(kind="space agency"), "space agency"),
        (lambda d: d["collaborations"][0].update(start=1800), "1800"),
        (lambda d: d["collaborations"][0].update(sources=["http://x.org/"]), "http://x.org/"),
        (lambda d: d["collaborations"][0].pop("participants"), "participants"),
        (lambda d: d["organisations"][0].update(id="Bad Id"), "Bad Id"),
    ],
)
def test_the_schema_refuses_what_the_loader_refuses(change: Any, key: str) -> None:
    document = tomllib.loads(starter())
    change(document)
    with pytest.raises(jsonschema.ValidationError) as caught:
        validate(document)
    assert key in str(caught.value)
    with pytest.raises(datafiles.DataError):
        datafiles.build_part(document, "x.toml").problems and datafiles.merge(
            [datafiles.build_part(document, "x.toml")]
        )
