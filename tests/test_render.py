"""Renderers as plain functions: exact JSON, plain piped tables, rich kept off the JSON path."""

from __future__ import annotations

import io
import json
import subprocess
import sys

from spacecli import query, views
from spacecli.model import Dataset
from spacecli.render import RENDERERS, Format, render


def rendered(view: views.View, fmt: Format) -> str:
    out = io.StringIO()
    render(view, fmt, out)
    return out.getvalue()


def test_every_format_has_a_renderer() -> None:
    assert set(RENDERERS) == set(Format)


def test_partners_json_is_exact(small: Dataset) -> None:
    alpha = small.organisation("alpha")
    view = views.partners_view(alpha, query.partners(small, alpha))
    text = rendered(view, Format.JSON)
    assert text.endswith("]\n")
    assert json.loads(text)[0] == {
        "id": "beta",
        "abbreviation": "BSA",
        "name": "Beta Space Agency",
        "kind": "agency",
        "countries": ["BB"],
        "shared_count": 2,
        "collaborations": [
            {"id": "red-orbiter", "name": "Red Orbiter"},
            {"id": "moon-hop", "name": "Moon Hop"},
        ],
    }


def test_mission_json_keeps_key_order_and_participant_detail(small: Dataset) -> None:
    collab = small.collaboration("red-orbiter")
    record = json.loads(
        rendered(views.mission_view(collab, query.members(small, collab)), Format.JSON)
    )
    assert list(record) == [
        "id", "name", "aliases", "kind", "goals", "start", "launch", "end", "status",
        "summary", "participants", "figures", "note", "sources", "checked", "related",
    ]  # fmt: skip
    assert record["participants"][1] == {
        "org": "beta",
        "abbreviation": "BSA",
        "name": "Beta Space Agency",
        "role": "instrument",
        "contribution": "Spectrometer",
        "since": None,
        "until": 2015,
        "note": "Left when its budget was cut.",
    }


def test_empty_list_is_an_empty_json_array() -> None:
    assert rendered(views.missions_view(Dataset((), ()), []), Format.JSON) == "[]\n"


def test_piped_table_has_no_escape_codes_and_nothing_cut(small: Dataset) -> None:
    alpha = small.organisation("alpha")
    text = rendered(views.agency_view(alpha, query.involvements(small, alpha), []), Format.TABLE)
    assert "\x1b[" not in text
    assert "Landing radar" in text
    assert "https://alpha.example.org/about" in text
    assert "…" not in text


def test_table_shows_markup_literally() -> None:
    view = views.ListView(
        [{"name": "[bold red]x[/]"}], (views.Column("name", "Name"),), ("name",), title="t"
    )
    assert "[bold red]x[/]" in rendered(view, Format.TABLE)


def test_json_path_never_imports_rich() -> None:
    code = (
        "import sys\n"
        "from spacecli.startup import main\n"
        "sys.argv = ['spacecli', 'partners', 'NASA', '--json']\n"
        "try:\n    main()\nexcept SystemExit as e:\n    assert e.code in (0, None), e.code\n"
        "loaded = sorted(m for m in sys.modules if m == 'rich' or m.startswith('rich.'))\n"
        "sys.stderr.write(repr(loaded))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout)
    assert done.stderr == "[]"
