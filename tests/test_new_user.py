"""What a new user tripped over: each test here failed before its fix."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from cli import invoke, json_of

EXAMPLE = str(Path(__file__).resolve().parent.parent / "examples" / "our-cubesat.toml")


def collaborations_in(database: Path) -> int:
    with closing(sqlite3.connect(database)) as db:
        count: int = db.execute("SELECT count(*) FROM collaborations").fetchone()[0]
    return count


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("space.db", lambda p: collaborations_in(p) > 0),
        ("space.csv", lambda p: p.read_text("utf-8").startswith("collaboration_id,")),
        ("space.json", lambda p: "collaborations" in json.loads(p.read_text("utf-8"))),
        ("space.toml", lambda p: p.read_text("utf-8").startswith("# Exported by spacecli")),
    ],
)
def test_export_takes_its_format_from_the_file_name(
    tmp_path: Path, name: str, check: object
) -> None:
    target = tmp_path / name
    code, out, _ = invoke("data", "export", "--goal", "mars", "-o", str(target))
    assert (code, out) == (0, "")
    assert check(target)  # type: ignore[operator]


def test_export_refuses_a_format_that_contradicts_the_name(tmp_path: Path) -> None:
    code, out, err = invoke("data", "export", "-f", "toml", "-o", str(tmp_path / "space.db"))
    assert (code, out) == (2, "")
    assert "--format toml does not match" in err
    assert not (tmp_path / "space.db").exists()


def test_global_options_may_follow_the_command() -> None:
    after = json_of("partners", "ESA", "--data", EXAMPLE)
    before = json_of("--data", EXAMPLE, "partners", "ESA")
    assert after == before
    assert "our-school" in {p["id"] for p in after}
    small = str(Path(__file__).parent / "fixtures" / "small.toml")
    assert json_of("agencies", "--no-bundled", "--data", small) == json_of(
        "--no-bundled", "--data", small, "agencies"
    )


def test_a_usage_error_is_one_line_with_a_useful_hint() -> None:
    code, out, err = invoke("partners", "NASA", "--since", "2000")
    assert (code, out) == (2, "")
    assert err == (
        "spacecli: error: no such option --since for 'spacecli partners' "
        "(see 'spacecli partners --help')\n"
    )
    assert invoke("missions", "--sinse", "2000").err == (
        "spacecli: error: no such option --sinse for 'spacecli missions' (did you mean --since?)\n"
    )


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_lists_in_cells_split_back_exactly(fmt: str) -> None:
    """A list in a CSV or TSV cell is a JSON array, though its items hold '; ' themselves."""
    text = invoke("mission", "ISS", "-f", fmt, "--fields", "participants,sources").out
    rows = list(csv.reader(io.StringIO(text), delimiter="," if fmt == "csv" else "\t"))
    participants, sources = (json.loads(cell) for cell in rows[1])
    record = json_of("mission", "ISS")
    assert sources == record["sources"]
    assert len(participants) == len(record["participants"])
    assert any("; " in item for item in participants)  # the text itself holds '; '
