"""Network exports (DOT, Mermaid, GraphML, JSON, CSV) and terminal pictures (bars, heat map)."""

from __future__ import annotations

import csv
import io
import json
import re
import warnings
from xml.etree import ElementTree as ET

import pydot
import pytest

from spacecli import network, query, views
from spacecli.model import (
    CollabKind,
    Collaboration,
    Dataset,
    Goal,
    Organisation,
    OrgKind,
    Participant,
    Role,
    Status,
)
from spacecli.render import GRAPH_RENDERERS, Format, GraphFormat, render, render_graph

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
# Names that try to break out of quotes, tags, labels or the terminal.
AWKWARD = 'Say "hi" \\ <b>&amp;</b> [red]x[/] |pipe| {curly} #1;\n\x07\x1b[31m'


def org(org_id: str, name: str = "") -> Organisation:
    return Organisation(
        id=org_id,
        abbreviation=org_id.upper(),
        name=name or f"Org {org_id}",
        kind=OrgKind.AGENCY,
        countries=("XX",),
        sources=("https://x.test/",),
    )


def collab(cid: str, start: int, *members: str) -> Collaboration:
    return Collaboration(
        id=cid,
        name=f"{cid} mission",
        kind=CollabKind.MISSION,
        goals=(Goal.MARS,),
        start=start,
        status=Status.ACTIVE,
        summary="made up",
        sources=("https://x.test/",),
        participants=tuple(Participant(org=m, role=Role.PARTNER) for m in members),
    )


DATA = Dataset(
    (org("a", AWKWARD), org("b"), org("c"), org("d")),
    (collab("ab1", 2001, "a", "b"), collab("ab2", 2002, "a", "b"), collab("cd", 2003, "c", "d")),
)


def parse_dot(text: str) -> list[pydot.Dot]:
    # pydot still calls pyparsing's old camelCase names, which warn; that is not our output.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return pydot.graph_from_dot_data(text) or []


def exported(fmt: GraphFormat, data: Dataset = DATA) -> str:
    out = io.StringIO()
    net = network.build(data, data.collaborations)
    render_graph(views.graph_view(net, "test network"), fmt, out)
    return out.getvalue()


def test_every_graph_format_has_a_renderer() -> None:
    assert set(GRAPH_RENDERERS) == set(GraphFormat)


def test_json_holds_nodes_and_edges() -> None:
    payload = json.loads(exported(GraphFormat.JSON))
    assert [n["id"] for n in payload["nodes"]] == ["a", "b", "c", "d"]
    assert payload["nodes"][0]["name"] == AWKWARD  # the exact string, whatever it holds
    assert payload["nodes"][1] == {
        "id": "b",
        "label": "B",
        "name": "Org b",
        "kind": "agency",
        "countries": ["XX"],
        "partners": 1,
        "collaborations": 2,
    }
    assert payload["edges"] == [
        {"source": "a", "target": "b", "weight": 2, "collaborations": ["ab1", "ab2"]},
        {"source": "c", "target": "d", "weight": 1, "collaborations": ["cd"]},
    ]


def test_dot_parses_with_quotes_and_control_characters_escaped() -> None:
    text = exported(GraphFormat.DOT)
    (graph,) = parse_dot(text)
    assert graph.get_type() == "graph"  # undirected
    assert sorted(n.get_name().strip('"') for n in graph.get_nodes() if n.get("label")) == [
        "a",
        "b",
        "c",
        "d",
    ]
    edges = [(e.get_source(), e.get_destination(), e.get("weight")) for e in graph.get_edges()]
    assert edges == [('"a"', '"b"', "2"), ('"c"', '"d"', "1")]
    assert "\x1b" not in text
    assert "\x07" not in text
    assert 'tooltip="Say \\"hi\\" \\\\ <b>&amp;</b> [red]x[/] |pipe| {curly} #1;' in text


def test_dot_names_its_layout_and_size_and_labels_heavier_links() -> None:
    (graph,) = parse_dot(exported(GraphFormat.DOT))
    settings = graph.get_graph_defaults()[0]
    # plain `dot -Tpng` uses neato and fits 10 x 7.5 inches at 150 dpi
    assert settings["layout"] == "neato"
    assert settings["size"] == '"10,7.5"'
    assert settings["dpi"] == "150"
    labels = {(e.get_source(), e.get_destination()): e.get("label") for e in graph.get_edges()}
    assert labels == {('"a"', '"b"'): "2", ('"c"', '"d"'): None}


def test_mermaid_has_a_node_line_per_node_and_an_edge_line_per_edge() -> None:
    lines = exported(GraphFormat.MERMAID).splitlines()
    assert lines[:2] == ["%% test network", "graph LR"]
    assert lines[2:] == [
        '  n0["A"]',
        '  n1["B"]',
        '  n2["C"]',
        '  n3["D"]',
        "  n0 ---|2| n1",
        "  n2 ---|1| n3",
    ]


def test_mermaid_labels_cannot_close_their_quotes() -> None:
    awkward = Dataset(
        (
            Organisation(
                id="x",
                abbreviation='X"] --> Y["',
                name="X",
                kind=OrgKind.AGENCY,
                countries=("XX",),
                sources=("https://x.test/",),
            ),
            org("y"),
        ),
        (collab("xy", 2000, "x", "y"),),
    )
    node = exported(GraphFormat.MERMAID, awkward).splitlines()[2]
    assert node == '  n0["X#34;#93; --#62; Y#91;#34;"]'


def test_graphml_is_valid_xml_with_typed_keys() -> None:
    root = ET.fromstring(exported(GraphFormat.GRAPHML).encode())
    assert root.tag == f"{GRAPHML}graphml"
    keys = {k.get("id"): (k.get("for"), k.get("attr.type")) for k in root.iter(f"{GRAPHML}key")}
    assert keys["weight"] == ("edge", "int")
    assert keys["label"] == ("node", "string")
    (graph,) = root.iter(f"{GRAPHML}graph")
    assert graph.get("edgedefault") == "undirected"
    nodes = graph.findall(f"{GRAPHML}node")
    assert [n.get("id") for n in nodes] == ["a", "b", "c", "d"]
    name = nodes[0].find(f"{GRAPHML}data[@key='name']")
    assert name is not None
    # Markup survives as text; control characters, which XML 1.0 cannot hold, become spaces.
    assert name.text == AWKWARD.replace("\n", " ").replace("\x07", " ").replace("\x1b", " ")
    weights = [e.find(f"{GRAPHML}data[@key='weight']") for e in graph.findall(f"{GRAPHML}edge")]
    assert [w.text for w in weights if w is not None] == ["2", "1"]


def test_csv_is_an_edge_list_by_abbreviation() -> None:
    rows = list(csv.reader(io.StringIO(exported(GraphFormat.CSV))))
    assert rows == [
        ["source", "target", "weight", "collaborations"],
        ["A", "B", "2", '["ab1 mission", "ab2 mission"]'],
        ["C", "D", "1", '["cd mission"]'],
    ]


def test_exports_of_an_empty_network_are_still_valid() -> None:
    empty = Dataset((org("a"),), ())
    assert json.loads(exported(GraphFormat.JSON, empty)) == {"nodes": [], "edges": []}
    assert len(parse_dot(exported(GraphFormat.DOT, empty))) == 1
    assert ET.fromstring(exported(GraphFormat.GRAPHML, empty).encode()).tag == f"{GRAPHML}graphml"


# -- terminal pictures --------------------------------------------------------------------


def table(view: views.View) -> str:
    out = io.StringIO()
    render(view, Format.TABLE, out)
    return out.getvalue()


def test_timeline_bars_are_plain_hashes_when_not_coloured() -> None:
    periods = query.timeline(DATA.collaborations, decades=False)
    text = table(views.timeline_view(periods, "Per year"))
    rows = [line for line in text.splitlines() if line.startswith("│ 200")]
    assert [row.split("│")[3].strip() for row in rows] == ["#" * 40, "#" * 40, "#" * 40]
    assert "█" not in text
    assert "\x1b[" not in text


def test_bars_scale_to_the_largest_period() -> None:
    periods = query.timeline((*DATA.collaborations, collab("x", 2001, "a", "c")), decades=False)
    text = table(views.timeline_view(periods, "Per year"))
    bars = [line.split("│")[3].strip() for line in text.splitlines() if line.startswith("│ 200")]
    assert bars == ["#" * 40, "#" * 20, "#" * 20]


def test_coloured_bars_and_heat_map(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    periods = query.timeline(DATA.collaborations, decades=True)
    assert "█" * 40 in table(views.timeline_view(periods, "Per decade"))
    heat = table(views.matrix_view(query.matrix(DATA, DATA.organisations)))
    assert "\x1b[" in heat
    assert re.search(r"\x1b\[[0-9;]*(4[0-7]|48;)", heat)  # a background colour: the shading


def test_matrix_table_is_numbers_and_dashes_when_plain() -> None:
    text = table(
        views.matrix_view(query.matrix(DATA, [DATA.organisation("a"), DATA.organisation("b")]))
    )
    lines = text.splitlines()
    assert len(lines[0]) > len(lines[1])  # the title is one line, wider than the table
    assert lines[4:6] == ["│ A │ - │ 2 │", "│ B │ 2 │ - │"]
