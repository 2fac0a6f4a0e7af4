"""`data export` and `data init`: formats, round trips, SQLite, and writes that never damage."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import sqlite3
import tomllib
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings

from cli import invoke, json_of
from spacecli import data as datafiles
from spacecli import export, query
from spacecli.errors import SpacecliError
from spacecli.model import (
    Dataset,
    Goal,
)
from spacecli.schema import records, specs
from spacecli.starter import schema_path, starter
from strategies import datasets

BUNDLED = datafiles.load()
ORGS = len(BUNDLED.organisations)  # organisations in the bundled data
COLLABS = len(BUNDLED.collaborations)
WITHDRAWN = len(BUNDLED.withdrawn)


# -- round trips --------------------------------------------------------------------------


def test_toml_export_of_everything_loads_back_equal(tmp_path: Path) -> None:
    target = tmp_path / "all.toml"
    code, out, err = invoke("data", "export", "-o", str(target))
    assert (code, out) == (0, "")
    assert err == (
        f"wrote {target}: {ORGS} organisations, {COLLABS} collaborations, 8 comparison rows, "
        f"{WITHDRAWN} withdrawn ids\n"
    )
    assert datafiles.load(target, bundled=False) == BUNDLED


@given(datasets())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_valid_dataset_survives_export_and_reload(data: Dataset) -> None:
    text = io.StringIO()
    export.write_toml(data, text)
    assert datafiles.loads(text.getvalue().encode(), "generated.toml") == data


@given(datasets())
@settings(max_examples=30, deadline=None)
def test_json_export_is_the_same_document_as_toml(data: Dataset) -> None:
    text = io.StringIO()
    export.write_json(data, text)
    assert json.loads(text.getvalue()) == tomllib.loads(tomli_w.dumps(datafiles.to_document(data)))


@pytest.mark.parametrize(
    "question",
    [
        ["missions", "--goal", "mars"],
        ["partners", "NASA", "--goal", "mars"],
        ["mission", "ExoMars TGO"],
        ["compare"],
    ],
)
def test_filtered_toml_export_answers_the_same_on_its_own(
    tmp_path: Path, question: list[str]
) -> None:
    target = tmp_path / "mars.toml"
    assert invoke("data", "export", "--goal", "mars", "-o", str(target))[0] == 0
    alone = json_of("--no-bundled", "--data", str(target), *question)
    if question[0] == "compare":  # only the rows whose backing is all about Mars
        assert alone == [row for row in json_of("compare") if row["id"] in {r["id"] for r in alone}]
        assert [row["id"] for row in alone] == ["india-usa-mars"]
    else:
        assert alone == json_of(*question)


def test_subset_by_organisation_keeps_what_its_collaborations_need() -> None:
    part = export.subset(BUNDLED, country="JP")
    japanese = {o.id for o in BUNDLED.organisations if "JP" in o.countries}
    assert japanese <= {o.id for o in part.organisations}
    assert all(japanese & set(c.org_ids) for c in part.collaborations)
    assert {org_id for c in part.collaborations for org_id in c.org_ids} <= {
        o.id for o in part.organisations
    }
    datafiles.merge([datafiles.Part("subset", part.organisations, part.collaborations)])


def test_subset_without_filters_is_everything() -> None:
    assert export.subset(BUNDLED) is BUNDLED
    assert export.subset(BUNDLED, query.Filter(goals=(Goal.MARS,), since=2090)).collaborations == ()


# -- formats ------------------------------------------------------------------------------


def test_json_export_to_standard_output() -> None:
    code, out, err = invoke("data", "export", "--format", "json", "--goal", "cosmic-background")
    assert (code, err) == (0, "")
    payload = json.loads(out)
    assert [c["id"] for c in payload["collaborations"]] == [
        "planck",
        "litebird",
        "boomerang",
        "archeops",
        "spider-telescope",
        "ebex",
        "olimpo",
        "quijote",
        "groundbird",
        "qubic",
        "simons-observatory",
    ]
    assert list(payload) == ["organisations", "collaborations", "comparisons"]
    assert [row["id"] for row in payload["comparisons"]] == ["planck"]
    assert payload["collaborations"][0]["participants"][0] == {
        "org": "esa",
        "role": "lead",
        "contribution": "project management since 1993; satellite, launch and operations",
    }


def test_csv_export_has_a_row_per_participation() -> None:
    code, out, _ = invoke("data", "export", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == sum(len(c.participants) for c in BUNDLED.collaborations)
    assert list(rows[0]) == list(export.PARTICIPATION_FIELDS)
    jwst = [(r["organisation"], r["role"]) for r in rows if r["collaboration_id"] == "jwst"]
    assert jwst == [
        (BUNDLED.organisation(p.org).abbreviation, p.role.value)
        for p in BUNDLED.collaboration("jwst").participants
    ]
    assert jwst[:2] == [("NASA", "lead"), ("ESA", "partner")]


def test_sqlite_export_has_real_tables_with_keys(tmp_path: Path) -> None:
    target = tmp_path / "space.db"
    assert invoke("data", "export", "--format", "sqlite", "-o", str(target))[0] == 0
    with contextlib.closing(sqlite3.connect(target)) as db:
        schema = db.execute(
            "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY 1, 2"
        ).fetchall()
        assert schema == [
            ("table", "aliases"),
            ("table", "collaborations"),
            ("table", "comparison_collaborations"),
            ("table", "comparisons"),
            ("table", "figures"),
            ("table", "goals"),
            ("table", "members"),
            ("table", "organisation_countries"),
            ("table", "organisations"),
            ("table", "participants"),
            ("table", "predecessors"),
            ("table", "related"),
            ("table", "sources"),
            ("table", "withdrawn"),
            ("view", "participations"),
        ]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        count = db.execute("SELECT count(*) FROM participants").fetchone()[0]
        assert count == sum(len(c.participants) for c in BUNDLED.collaborations)
        assert db.execute("SELECT count(*) FROM organisations").fetchone()[0] == ORGS
        keys = [r[1] for r in db.execute("PRAGMA table_info(participants)") if r[5]]
        assert keys == ["collaboration_id", "position"]
        parents = db.execute("SELECT id, parent_id FROM organisations WHERE parent_id IS NOT NULL")
        assert ("kari", "kasa") in parents.fetchall()
        nasa_partners = db.execute(
            """SELECT count(DISTINCT other.organisation_id) FROM participants AS mine
               JOIN participants AS other ON other.collaboration_id = mine.collaboration_id
               WHERE mine.organisation_id = 'nasa' AND other.organisation_id <> 'nasa'"""
        ).fetchone()[0]
        assert nasa_partners == len(json_of("partners", "NASA"))
        mars = db.execute("SELECT collaboration_id FROM goals WHERE goal = 'mars'").fetchall()
        assert len(mars) == len(json_of("missions", "--goal", "mars"))
        sources = db.execute(
            "SELECT url FROM sources WHERE collaboration_id = 'jwst' ORDER BY position"
        ).fetchall()
        assert [url for (url,) in sources] == list(BUNDLED.collaboration("jwst").sources)
        view = db.execute(
            "SELECT role FROM participations WHERE collaboration = 'James Webb Space Telescope' "
            "AND organisation = 'CSA'"
        ).fetchone()
        assert view == ("instrument",)  # the FGS/NIRISS instrument


def test_sqlite_needs_a_file() -> None:
    code, out, err = invoke("data", "export", "--format", "sqlite")
    assert (code, out) == (2, "")
    assert "sqlite needs a file: add -o PATH" in err


# -- safe writes --------------------------------------------------------------------------


def test_export_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "kept.toml"
    target.write_text("my notes\n", encoding="utf-8")
    assert invoke("data", "export", "-o", str(target)) == (
        1,
        "",
        f"spacecli: error: {target} already exists; add --force to replace it\n",
    )
    assert target.read_text(encoding="utf-8") == "my notes\n"
    assert invoke("data", "export", "-o", str(target), "--force")[0] == 0
    assert datafiles.load(target, bundled=False) == BUNDLED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.toml"]  # no leftovers


def test_a_data_file_in_use_is_never_rewritten_even_with_force(tmp_path: Path) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text(starter(), encoding="utf-8")
    code, out, err = invoke("--data", str(mine), "data", "export", "-o", str(mine), "--force")
    assert (code, out) == (1, "")
    assert err == (
        f"spacecli: error: {mine} is a data file spacecli is reading; spacecli never rewrites "
        "those, so write to another file\n"
    )
    assert mine.read_text(encoding="utf-8") == starter()
    code, _, _ = invoke("data", "export", "-o", str(datafiles.bundled_path()), "--force")
    assert code == 1


def test_writing_to_a_folder_or_into_a_missing_folder(tmp_path: Path) -> None:
    assert invoke("data", "export", "-o", str(tmp_path)) == (
        1,
        "",
        f"spacecli: error: {tmp_path} is a folder; give a file name to write\n",
    )
    missing = tmp_path / "nope" / "x.toml"
    assert invoke("data", "export", "-o", str(missing)) == (
        1,
        "",
        f"spacecli: error: cannot write {missing}: folder {tmp_path / 'nope'} does not exist\n",
    )


def test_a_failed_write_leaves_the_old_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "old.toml"
    target.write_text("old\n", encoding="utf-8")

    def half_then_fail(temporary: Path) -> None:
        temporary.write_text("half of a new fi", encoding="utf-8")
        raise KeyboardInterrupt  # as if interrupted mid-write

    with pytest.raises(KeyboardInterrupt):
        export.safe_write(target, half_then_fail, force=True)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.toml"]

    fresh = tmp_path / "new.toml"
    with pytest.raises(KeyboardInterrupt):
        export.safe_write(fresh, half_then_fail, force=False)
    assert not fresh.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.toml"]


def test_a_file_that_appears_during_the_write_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "race.toml"

    def someone_else_writes_first(temporary: Path) -> None:
        temporary.write_text("mine", encoding="utf-8")
        target.write_text("theirs", encoding="utf-8")

    with pytest.raises(SpacecliError, match="already exists"):
        export.safe_write(target, someone_else_writes_first, force=False)
    assert target.read_text(encoding="utf-8") == "theirs"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["race.toml"]


# -- init ---------------------------------------------------------------------------------


def test_init_writes_a_valid_starter_that_shows_every_field(tmp_path: Path) -> None:
    target = tmp_path / "mine.toml"
    code, out, err = invoke("data", "init", str(target))
    assert (code, out) == (0, "")
    assert (
        err
        == f"wrote {target}: edit it, then check it with: spacecli --data {target} data validate\n"
    )
    assert target.read_text(encoding="utf-8") == starter()
    alone = datafiles.load(target, bundled=False)
    assert [o.id for o in alone.organisations] == ["example-university"]
    code, out, _ = invoke("--data", str(target), "data", "validate")
    assert (code, out) == (
        0,
        f"valid: 2 files, {ORGS + 1} organisations, {COLLABS + 1} collaborations, "
        f"9 comparison rows, {WITHDRAWN + 1} withdrawn ids\n",
    )
    shown = {
        line.removeprefix("# ").split(" = ")[0]
        for line in starter().splitlines()
        if re.match(r"^(# )?[a-z_]+ = ", line)
    }
    for _, cls in records(Dataset):
        declared = {name for name, spec in specs(cls) if spec.record is None}
        assert declared <= shown, cls  # every field, shown or commented out
    document = tomllib.loads(starter())
    assert set(document) == {"organisations", "collaborations", "comparisons", "withdrawn"}
    assert starter().splitlines()[0] == f"#:schema {schema_path().as_uri()}"


def test_init_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "mine.toml"
    target.write_text("hand-written\n", encoding="utf-8")
    assert invoke("data", "init", str(target))[0] == 1
    assert target.read_text(encoding="utf-8") == "hand-written\n"
