"""What a new user tripped over: each test here failed before its fix."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

import pytest

from cli import invoke, json_of
from spacecli import render

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


def as_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Render as on an 80-column terminal, as the docs' examples do."""
    monkeypatch.setattr(render, "is_terminal", lambda out: True)


def test_a_piped_table_keeps_each_record_on_one_line_whatever_the_width() -> None:
    narrow = invoke("missions", "--goal", "mars", env={"COLUMNS": "40"})
    wide = invoke("missions", "--goal", "mars", env={"COLUMNS": "200"})
    assert narrow == wide
    records = json_of("missions", "--goal", "mars")
    lines = narrow.out.splitlines()
    # a title, three lines of header, one line per record, a bottom rule
    assert len(lines) == 1 + 3 + len(records) + 1
    for record in records:
        assert sum(record["name"] in line for line in lines) >= 1


def test_a_long_list_on_a_terminal_shows_the_first_three_and_how_many_more(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    records = json_of("missions")
    crowded = max(records, key=lambda r: len(r["organisations"]))
    names = crowded["organisations"]
    assert len(names) > render.SHOWN_ITEMS
    piped = invoke("missions", "--fields", "id,organisations")
    as_terminal(monkeypatch)
    shown = invoke("missions", "--fields", "id,organisations", env={"COLUMNS": "200"})
    assert (shown.code, piped.code) == (0, 0)
    row = next(line for line in shown.out.splitlines() if f" {crowded['id']} " in line)
    assert f"{', '.join(names[:3])} ... and {len(names) - 3} more" in row
    # piped, nothing is shortened
    row = next(line for line in piped.out.splitlines() if f" {crowded['id']} " in line)
    assert ", ".join(names) in row


def test_limit_cuts_the_list_and_says_so_on_stderr() -> None:
    everything = json_of("missions", "--goal", "mars")
    code, out, err = invoke("missions", "--goal", "mars", "--limit", "2", "--json")
    assert code == 0
    assert json.loads(out) == everything[:2]
    assert err == (
        f"spacecli: note: showing 2 of {len(everything)} records (--limit N shows more or fewer)\n"
    )
    code, out, err = invoke("missions", "--goal", "mars", "--limit", str(len(everything)))
    assert (code, err) == (0, "")


def test_chosen_fields_have_capitalised_headers(monkeypatch: pytest.MonkeyPatch) -> None:
    as_terminal(monkeypatch)
    code, out, _ = invoke("missions", "--goal", "mars", "--fields", "id,organisations")
    assert code == 0
    assert "┃ Id " in out
    assert "┃ Organisations " in out


def test_a_narrow_terminal_never_splits_an_id_or_a_word(monkeypatch: pytest.MonkeyPatch) -> None:
    records = json_of("missions", "--goal", "sun")
    as_terminal(monkeypatch)
    for width in ("40", "60", "80"):
        code, out, _ = invoke(
            "missions", "--goal", "sun", "--fields", "id,name,status", env={"COLUMNS": width}
        )
        assert code == 0
        words = {word for line in out.splitlines() for word in line.replace("│", " ").split()}
        for record in records:
            assert record["id"] in words
            assert set(record["name"].split()) <= words


def test_too_narrow_for_a_table_gives_one_block_a_record(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    as_terminal(monkeypatch)
    code, out, _ = invoke(
        "missions", "--goal", "sun", "--fields", "id,status", env={"COLUMNS": "20"}
    )
    assert code == 0
    blocks = out.split("\n\n")
    assert blocks[0] == "Collaborations"
    first = json_of("missions", "--goal", "sun")[0]
    assert blocks[1].splitlines() == [f"Id      {first['id']}", f"Status  {first['status']}"]


def test_sources_come_last_whole_and_one_a_line(monkeypatch: pytest.MonkeyPatch) -> None:
    record = json_of("mission", "solar-orbiter")
    as_terminal(monkeypatch)
    code, out, _ = invoke("mission", "solar-orbiter", env={"COLUMNS": "50"})
    assert code == 0
    lines = out.splitlines()
    assert lines[-len(record["sources"]) - 1 :] == ["Sources", *record["sources"]]
    assert lines.index("Participants") < lines.index("Sources")


def test_sources_are_terminal_hyperlinks_in_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    url = json_of("mission", "solar-orbiter")["sources"][0]
    as_terminal(monkeypatch)
    code, out, _ = invoke("mission", "solar-orbiter", env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert code == 0
    assert "\x1b]8;id=" in out
    assert f";{url}\x1b\\{url}\x1b]8;;\x1b\\" in out


def test_empty_columns_are_left_out_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    participants = json_of("mission", "solar-orbiter")["participants"]
    assert not any(p.get("note") for p in participants)
    piped = invoke("mission", "solar-orbiter")
    as_terminal(monkeypatch)
    shown = invoke("mission", "solar-orbiter", env={"COLUMNS": "200"})
    header = next(line for line in piped.out.splitlines() if "Organisation" in line)
    assert "Note" in header
    header = next(line for line in shown.out.splitlines() if "Organisation" in line)
    assert "Note" not in header


def pager_into(path: Path) -> str:
    """A PAGER that keeps what it is given in `path`."""
    keep = "import sys, pathlib; pathlib.Path(sys.argv[1]).write_bytes(sys.stdin.buffer.read())"
    return f"{sys.executable} -c '{keep}' {path}"


def test_a_table_taller_than_the_terminal_goes_through_the_pager(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    paged = tmp_path / "paged.txt"
    as_terminal(monkeypatch)
    straight = invoke("partners", "NASA", "--no-pager", env={"LINES": "20"})
    assert straight.out.count("\n") > 20
    code, out, err = invoke("partners", "NASA", env={"LINES": "20", "PAGER": pager_into(paged)})
    assert (code, out, err) == (0, "", "")
    assert paged.read_text("utf-8") == straight.out


def test_no_pager_for_what_fits_a_pipe_or_no_pager(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    paged = tmp_path / "paged.txt"
    pager = pager_into(paged)
    piped = invoke("partners", "NASA", env={"LINES": "20", "PAGER": pager})
    assert piped.out.count("\n") > 20  # piped: printed, not paged
    as_terminal(monkeypatch)
    fits = invoke("partners", "NASA", "--limit", "3", env={"LINES": "20", "PAGER": pager})
    assert "NASA" in fits.out
    refused = invoke("--no-pager", "partners", "NASA", env={"LINES": "20", "PAGER": pager})
    assert refused.out.count("\n") > 20
    assert not paged.exists()


def test_an_agency_shows_its_top_partners_before_its_long_list(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    as_terminal(monkeypatch)
    code, out, _ = invoke("agency", "NASA")
    lines = out.splitlines()
    assert code == 0
    assert lines.index("Top partners") < lines.index("Collaborations") < lines.index("Sources")


def test_a_title_stays_on_one_line_above_a_narrow_table() -> None:
    code, out, _ = invoke("timeline", "--by", "year")
    assert code == 0
    assert out.splitlines()[0] == "Collaborations begun per year"


@pytest.mark.parametrize(
    "command",
    [
        ("timeline", "--by", "year"),
        ("goals",),
        ("--data", EXAMPLE, "data", "sources"),
        ("agencies",),
    ],
)
def test_every_list_command_takes_limit(command: tuple[str, ...]) -> None:
    everything = json_of(*command)
    code, out, err = invoke(*command, "--limit", "1", "--json")
    assert (code, json.loads(out)) == (0, everything[:1])
    assert err == f"spacecli: note: showing 1 of {len(everything)} records " + (
        "(--limit N shows more or fewer)\n"
    )
