"""Withdrawn ids: a merged record's id leads to its successor, an unsourced one says why."""

from __future__ import annotations

import json
import os
import tomllib
import warnings
from pathlib import Path

import pytest

from cli import invoke, json_of
from spacecli import RenamedIdWarning, cache, query
from spacecli import data as datafiles
from spacecli.data import Layer, Origin, load, load_layers
from spacecli.errors import DataError, NotFoundError
from spacecli.model import Section

DATA = """
[[organisations]]
id = "agency-a"
abbreviation = "AA"
name = "Agency A"
kind = "agency"
countries = ["AA"]
sources = ["https://www.nasa.gov/a"]

[[organisations]]
id = "agency-b"
abbreviation = "AB"
name = "Agency B"
kind = "agency"
countries = ["BB"]
sources = ["https://www.nasa.gov/b"]

[[collaborations]]
id = "joint-study"
name = "Joint Study"
kind = "agreement"
goals = ["moon"]
start = 2014
end = 2017
status = "completed"
summary = "Made up: two agreements of one study, merged into this record."
sources = ["https://www.nasa.gov/study"]
participants = [{ org = "agency-a", role = "lead" }, { org = "agency-b", role = "partner" }]

[[withdrawn]]
id = "study-part-two"
section = "collaborations"
month = "2026-12"
reason = "merged into joint-study, which covers both agreements"
replaced_by = "joint-study"

[[withdrawn]]
id = "rumoured-deal"
section = "collaborations"
month = "2026-12"
reason = "no primary or reference source could be read"

[[withdrawn]]
id = "agency-b-old"
section = "organisations"
month = "2026-11"
reason = "the same agency as agency-b, listed twice"
replaced_by = "agency-b"
"""


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "withdrawn.toml"
    path.write_text(DATA, encoding="utf-8")
    return path


def made_up(path: Path) -> tuple[str, ...]:
    return ("--no-bundled", "--data", str(path))


def test_a_merged_id_gives_its_successor_with_a_note(data_file: Path) -> None:
    code, out, err = invoke(*made_up(data_file), "mission", "study-part-two", "--json")
    assert code == 0
    assert json.loads(out) == json_of(*made_up(data_file), "mission", "joint-study")
    assert err == (
        "spacecli: note: 'study-part-two' was merged into 'joint-study' in 2026-12: "
        "merged into joint-study, which covers both agreements\n"
    )
    code, out, err = invoke(*made_up(data_file), "agency", "AGENCY-B-OLD", "--json")
    assert (code, json.loads(out)["id"]) == (0, "agency-b")
    assert err.startswith("spacecli: note: 'agency-b-old' was merged into 'agency-b' in 2026-11")


def test_an_id_withdrawn_for_want_of_sources_says_why(data_file: Path) -> None:
    assert invoke(*made_up(data_file), "mission", "rumoured-deal") == (
        1,
        "",
        "spacecli: error: 'rumoured-deal' was withdrawn from the data in 2026-12: "
        "no primary or reference source could be read\n",
    )
    # Withdrawn from one section only: the name means nothing among organisations.
    code, _, err = invoke(*made_up(data_file), "agency", "rumoured-deal")
    assert code == 1
    assert err.startswith("spacecli: error: unknown organisation 'rumoured-deal'")


def test_in_python_a_merged_id_warns_and_an_unsourced_one_raises(data_file: Path) -> None:
    data = load(data_file, bundled=False)
    with pytest.warns(RenamedIdWarning, match="'study-part-two' was merged into 'joint-study'"):
        assert query.resolve_collaboration(data, "study-part-two").id == "joint-study"
    with pytest.raises(NotFoundError, match="withdrawn from the data in 2026-12"):
        query.resolve_collaboration(data, "rumoured-deal")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert query.resolve_collaboration(data, "Joint Study").id == "joint-study"  # no warning


def test_a_replacement_that_does_not_exist_is_a_data_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(DATA.replace('replaced_by = "joint-study"', 'replaced_by = "joint-stud"'))
    with pytest.raises(DataError) as raised:
        load(path, bundled=False)
    assert raised.value.problems == (
        f"{path}: withdrawn (id 'study-part-two'): 'replaced_by' names 'joint-stud', which is "
        "not a collaboration id (did you mean joint-study?)",
    )
    assert invoke(*made_up(path), "data", "validate")[0] == 3


def test_a_file_that_holds_the_record_brings_it_back(data_file: Path, tmp_path: Path) -> None:
    back = tmp_path / "back.toml"
    back.write_text(
        DATA.split("[[collaborations]]")[1]
        .join(["[[collaborations]]", ""])
        .replace('"joint-study"', '"rumoured-deal"', 1)
        .replace('name = "Joint Study"', 'name = "Rumoured Deal"')
        .split("[[withdrawn]]")[0]
    )
    both = ("--no-bundled", "--data", str(data_file), "--data", str(back))
    assert json_of(*both, "mission", "rumoured-deal")["name"] == "Rumoured Deal"
    assert [w.id for w in load(data_file, back, bundled=False).withdrawn] == [
        "study-part-two",
        "agency-b-old",
    ]


def test_validate_counts_them_and_a_full_export_keeps_them(data_file: Path, tmp_path: Path) -> None:
    code, out, _ = invoke(*made_up(data_file), "data", "validate")
    assert (code, out) == (
        0,
        "valid: 1 file, 2 organisations, 1 collaboration, 0 comparison rows, 3 withdrawn ids\n",
    )
    whole, part = tmp_path / "whole.toml", tmp_path / "part.toml"
    assert invoke(*made_up(data_file), "data", "export", "-o", str(whole))[0] == 0
    assert load(whole, bundled=False) == load(data_file, bundled=False)
    assert invoke(*made_up(data_file), "data", "export", "--goal", "moon", "-o", str(part))[0] == 0
    assert "withdrawn" not in tomllib.loads(part.read_text(encoding="utf-8"))
    assert load(part, bundled=False).collaborations == load(data_file, bundled=False).collaborations


def test_the_cache_keeps_them(data_file: Path, tmp_path: Path) -> None:
    layers = (Layer(data_file, Origin.OPTION),)
    fresh = load_layers(layers)
    os.environ["SPACECLI_CACHE"] = str(tmp_path / "cache")
    try:
        for _ in range(2):  # the first run stores the entry, the second reads it
            datafiles._MEMO.clear()
            stored = load_layers(layers)
        assert len(list((tmp_path / "cache").glob(f"*{cache.SUFFIX}"))) == 1
        assert stored == fresh
        assert stored.withdrawal(Section.COLLABORATIONS, "Rumoured-Deal") is not None
        with pytest.warns(RenamedIdWarning):
            assert query.resolve_collaboration(stored, "study-part-two").id == "joint-study"
    finally:
        os.environ["SPACECLI_CACHE"] = "off"
