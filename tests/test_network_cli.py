"""search, path, graph, matrix, timeline and goals on the bundled data, through the CLI."""

from __future__ import annotations

import csv
import io
import json
from xml.etree import ElementTree as ET

from cli import invoke, json_of
from spacecli import query
from spacecli.data import load

# -- search -------------------------------------------------------------------------------


def test_search_finds_what_people_type() -> None:
    assert json_of("search", "webb")[0]["id"] == "jwst"
    assert json_of("search", "bepi colombo")[0]["id"] == "bepicolombo"
    assert json_of("search", "rosalind franklin")[0]["id"] == "exomars-rosalind-franklin"
    assert json_of("search", "rosalind franklen")[0]["id"] == "exomars-rosalind-franklin"
    assert json_of("search", "Japan Aerospace")[0] == {
        "type": "organisation",
        "id": "jaxa",
        "abbreviation": "JAXA",
        "name": "Japan Aerospace Exploration Agency",
        "matched": "Japan Aerospace Exploration Agency",
        "score": 90,
    }


def test_search_ranks_best_first_and_limits() -> None:
    hits = json_of("search", "artemis")
    scores = [hit["score"] for hit in hits]
    assert scores == sorted(scores, reverse=True)
    assert {"artemis-accords", "artemis-i", "artemis-ii"} <= {hit["id"] for hit in hits}
    total = len(hits)
    code, out, err = invoke("search", "artemis", "--limit", "2", "--json")
    assert (code, len(json.loads(out))) == (0, 2)
    assert err == (  # a list cut short says so
        f"spacecli: note: showing 2 of {total} records (--limit N shows more or fewer)\n"
    )


def test_search_with_no_match_says_so_on_stderr() -> None:
    assert invoke("search", "xyzzy") == (0, "", "nothing matches 'xyzzy'\n")
    assert invoke("search", "xyzzy", "--json") == (0, "[]\n", "")
    code, out, err = invoke("search", "--", "--")
    assert (code, out) == (1, "")
    assert err == "spacecli: error: nothing to search for: give a word or a name\n"


# -- path ---------------------------------------------------------------------------------


def test_path_isro_esa_names_the_collaboration_on_each_hop() -> None:
    code, out, err = invoke("path", "ISRO", "ESA")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "ISRO to ESA in 1 step"
    assert "│ 1    │ ISRO │ ESA │ Ariane Passenger Payload Experiment (1977) │ 10     │" in out
    (hop,) = json_of("path", "ISRO", "ESA")
    assert hop["collaboration"] == {"id": "apple", "name": "Ariane Passenger Payload Experiment"}
    data = load()
    shared = query.shared_collaborations(data, data.organisation("isro"), data.organisation("esa"))
    assert hop["shared_count"] == len(shared)
    assert {c["id"] for c in hop["collaborations"]} == {c.id for c in shared}


def test_path_of_two_steps_chains_up() -> None:
    hops = json_of("path", "KARI", "ISA", "--exclude-kind", "coordination")
    assert [(h["from"], h["to"]) for h in hops] == [("KARI", "NASA"), ("NASA", "ISA")]
    assert hops[0]["collaboration"]["id"] == "danuri"


def test_path_none_within_max_hops() -> None:
    assert invoke("path", "KARI", "ISA", "--max-hops", "1") == (
        0,
        "",
        "no chain of collaborations links KARI and ISA in at most 1 step\n",
    )
    assert invoke("path", "KARI", "ISA", "--max-hops", "1", "--json") == (0, "[]\n", "")


def test_path_usage_errors() -> None:
    code, out, err = invoke("path", "NASA", "nasa")
    assert (code, out, err) == (1, "", "spacecli: error: NASA and NASA are the same organisation\n")
    code, out, err = invoke("path", "NASA", "ESA", "--max-hops", "0")
    assert (code, out) == (2, "")
    assert "--max-hops" in err
    code, out, err = invoke("path", "NASA", "Nasda2")
    assert (code, out) == (1, "")
    # NASDA is one of JAXA's former names, so JAXA is suggested first.
    assert err == (
        "spacecli: error: unknown organisation 'Nasda2' (did you mean NASDA or NASRDA or NASA?)\n"
    )


# -- graph --------------------------------------------------------------------------------


def test_graph_json_agrees_with_partners() -> None:
    payload = json_of("graph")
    nodes = {node["id"]: node for node in payload["nodes"]}
    data = load()
    nasa = data.organisation("nasa")
    assert nodes["nasa"]["partners"] == len(query.partners(data, nasa))
    esa_nasa = next(e for e in payload["edges"] if (e["source"], e["target"]) == ("esa", "nasa"))
    assert esa_nasa["weight"] == len(query.partners(data, nasa)[0].shared)
    assert payload["edges"][0] is esa_nasa  # the heaviest link in the data
    weights = [edge["weight"] for edge in payload["edges"]]
    assert weights == sorted(weights, reverse=True)


def test_graph_filters() -> None:
    mars = json_of("graph", "--goal", "mars")
    mars_ids = {c.id for c in query.missions(load(), goal=query.Goal.MARS)}
    assert {cid for e in mars["edges"] for cid in e["collaborations"]} == mars_ids
    heavy = json_of("graph", "--min-shared", "20")
    # ESA and NASA share the most, by far (48 of the bundled collaborations)
    assert (heavy["edges"][0]["source"], heavy["edges"][0]["target"]) == ("esa", "nasa")
    assert all(e["weight"] >= 20 for e in heavy["edges"])
    assert [e["weight"] for e in heavy["edges"]] == sorted(
        (e["weight"] for e in heavy["edges"]), reverse=True
    )
    isro = json_of("graph", "--agency", "ISRO", "--since", "2020", "--until", "2024")
    data = load()
    used = {cid for e in isro["edges"] for cid in e["collaborations"]}
    assert used
    for cid in used:
        collab = data.collaboration(cid)
        assert "isro" in collab.org_ids
        assert 2020 <= collab.start <= 2024
    assert {n["id"] for n in isro["nodes"]} >= {"isro", "nasa"}


def test_graph_exports_are_deterministic_and_valid() -> None:
    first = invoke("graph", "--format", "graphml")
    assert first == invoke("graph", "--format", "graphml")
    root = ET.fromstring(first[1].encode())
    edges = root.findall(".//{http://graphml.graphdrawing.org/xmlns}edge")
    assert len(edges) == len(json_of("graph")["edges"])
    code, dot, _ = invoke("graph", "--goal", "mars", "--format", "dot")
    assert code == 0
    assert dot.splitlines()[1] == "graph spacecli {"
    assert '"esa" -- "nasa"' in dot
    rows = list(csv.DictReader(io.StringIO(invoke("graph", "-f", "csv", "--min-shared", "20")[1])))
    assert (rows[0]["source"], rows[0]["target"], rows[0]["weight"]) == (
        "ESA",
        "NASA",
        "75",
    )


def test_graph_rejects_json_with_another_format_and_years_out_of_order() -> None:
    code, out, err = invoke("graph", "--json", "-f", "dot")
    assert (code, out) == (2, "")
    assert "--json conflicts with --format dot" in err
    code, out, err = invoke("graph", "--since", "2020", "--until", "2010")
    assert (code, out) == (2, "")
    assert "--since 2020 is after --until 2010" in err


# -- matrix, timeline, goals --------------------------------------------------------------


def test_matrix_is_symmetric_and_matches_shared_collaborations() -> None:
    rows = json_of("matrix", "NASA", "ESA", "JAXA", "Roscosmos")
    data = load()
    assert [row["organisation"] for row in rows] == ["NASA", "ESA", "JAXA", "Roscosmos"]
    for row in rows:
        assert row[row["organisation"]] is None
        for other in ("NASA", "ESA", "JAXA", "Roscosmos"):
            if other != row["organisation"]:
                mine = query.resolve_organisation(data, row["organisation"])
                theirs = query.resolve_organisation(data, other)
                expected = len(query.shared_collaborations(data, mine, theirs))
                assert row[other] == expected
    assert rows[0]["ESA"] == 75


def test_matrix_default_is_the_most_connected_and_fits_80_columns() -> None:
    code, out, err = invoke("matrix")
    assert (code, err) == (0, "")
    assert max(len(line) for line in out.splitlines()) <= 80
    header = out.splitlines()[2]
    assert header.split()[1:4] == ["┃", "NASA", "┃"]
    assert len(json_of("matrix", "--top", "3")) == 3


def test_timeline_counts_every_collaboration_once() -> None:
    data = load()
    decades = json_of("timeline")
    assert sum(period["count"] for period in decades) == len(data.collaborations)
    assert decades[0]["period"] == "1950s"
    years = json_of("timeline", "--by", "year", "--goal", "moon")
    labels = [int(period["period"]) for period in years]
    assert labels == list(range(labels[0], labels[-1] + 1))
    moon = query.missions(data, goal=query.Goal.MOON)
    assert sum(period["count"] for period in years) == len(moon)


def test_timeline_table_has_bars_in_plain_characters() -> None:
    code, out, _ = invoke("timeline")
    assert code == 0
    busiest = max(
        query.timeline(load().collaborations, decades=True), key=lambda p: len(p.collaborations)
    )
    count = f"{len(busiest.collaborations):<5}"
    assert f"│ {busiest.label}  │ {count} │ " + "#" * 40 + " │" in out  # the longest bar
    assert "█" not in out


def test_goals_cover_the_vocabulary_with_real_counts() -> None:
    rows = json_of("goals")
    data = load()
    assert len(rows) == len(query.Goal)
    counts = {row["goal"]: row["collaborations"] for row in rows}
    for goal in query.Goal:
        assert counts[goal.value] == len(query.missions(data, goal=goal))
    assert rows[0]["goal"] == "human-spaceflight"
    assert counts["mars"] == 29
