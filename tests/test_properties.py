"""Properties over generated data: every format of every command's view parses back (the
renderers called as functions, as pip-audit tests its formats), and the loader answers
anything at all with a dataset or a `DataError`, never another exception."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roundtrip import check_every_format
from spacecli import query, views
from spacecli.data import Layer, LayerReport, Origin, merge, parse_part, to_document
from spacecli.errors import DataError
from spacecli.model import Collaboration, Dataset, Organisation, Participant
from spacecli.render import Format, render, visible
from spacecli.schema import specs
from spacecli.views import ListView, View
from strategies import TEXT, datasets


def views_of(data: Dataset) -> list[tuple[str, View, tuple[str, ...]]]:
    """Each data command's view of `data`, built as its command builds it, with its fields."""
    org, last = data.organisations[0], data.organisations[-1]
    found: list[tuple[str, View, tuple[str, ...]]] = [
        ("agencies", views.agencies_view(query.agencies(data)), views.ORGANISATION.names),
        (
            "agency",
            views.agency_view(org, query.involvements(data, org), query.partners(data, org)[:5]),
            views.AGENCY.names,
        ),
        ("partners", views.partners_view(org, query.partners(data, org)), views.PARTNER.names),
        (
            "missions",
            views.missions_view(data, query.missions(data)),
            views.COLLABORATION.names,
        ),
        ("compare", views.compare_view(query.comparison_table(data)), views.COMPARISON.names),
        ("stats", views.stats_view(query.stats(data)), views.STATS.names),
        ("search", views.search_view(org.id, query.search(data, org.id)), views.SEARCH.names),
        ("goals", views.goals_view(query.goals(data)), views.GOAL.names),
        ("countries", views.countries_view(query.countries(data)), views.COUNTRY.names),
    ]
    chapters = query.history(data, org, last) if last is not org else []
    found.append(("history", views.history_view(org, last, chapters), views.CHAPTER.names))
    for use in query.countries(data)[:1]:
        found.append(("country", views.country_view(use), views.COUNTRY_DETAIL.names))
    for decades in (True, False):
        periods = query.timeline(query.missions(data), decades=decades)
        found.append(("timeline", views.timeline_view(periods, "t"), views.PERIOD.names))
    for orgs in (query.most_connected(data, 8), data.organisations[:3]):
        fields = ("organisation", *(o.abbreviation for o in orgs))
        found.append(("matrix", views.matrix_view(query.matrix(data, orgs)), fields))
    if last is not org:
        shared = query.shared_collaborations(data, org, last)
        found.append(("partners", views.shared_view(org, last, shared), views.SHARED.names))
        hops = query.path(data, org, last)
        found.append(("path", views.path_view(org, last, hops, None), views.STEP.names))
    if data.collaborations:
        collab = data.collaborations[0]
        view = views.mission_view(collab, query.members(data, collab))
        found.append(("mission", view, views.MISSION.names))
    found.append(("audit", views.audit_view(query.audit(data, (2026, 12))), views.FINDING.names))
    net = views.graph_view(query.graph(data), "network")
    found.append(("graph", net.edge_list, views.LINK.names))
    return found


def rendered(view: View, fmt: Format) -> str:
    out = io.StringIO()
    render(view, fmt, out)
    return out.getvalue()


# What a terminal must never receive raw: C0 and C1 controls but the line break, DEL, and the
# bidirectional controls and line separators `visible` escapes.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


@given(datasets(max_organisations=4, max_collaborations=4))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_every_format_of_every_view_parses_back(data: Dataset) -> None:
    # Commands find records by any of their names, so the views below are what they show.
    for each in data.organisations:
        for name in (each.id, each.abbreviation, each.name, *each.aliases):
            assert query.resolve_organisation(data, name) == each
    for each in data.collaborations:
        for name in (each.id, each.name, *each.aliases):
            assert query.resolve_collaboration(data, name) == each
    for _, view, fields in views_of(data):
        assert view.fields == fields
        check_every_format(lambda fmt, view=view: rendered(view, fmt), view.shape)


# Fewer examples: a rich table costs a millisecond or more, the other formats a few
# microseconds.
@given(datasets(max_organisations=4, max_collaborations=4))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_every_table_draws_and_holds_no_raw_control_character(data: Dataset) -> None:
    for _, view, _ in views_of(data):
        notes = io.StringIO()
        with contextlib.redirect_stderr(notes):
            table = rendered(view, Format.TABLE)
        assert RAW_CONTROL.search(table + notes.getvalue()) is None
        if isinstance(view, ListView) and not view.records:
            assert (table, notes.getvalue()) == ("", visible(view.empty) + "\n")
        else:
            assert table.endswith("\n")
            assert notes.getvalue() == ""


LAYERS = st.builds(
    LayerReport,
    st.builds(Layer, st.builds(Path, TEXT), st.sampled_from(Origin)),
    *[st.integers(0, 10**6)] * 4,
    st.lists(st.tuples(st.just("organisations"), TEXT), max_size=3).map(tuple),
    st.integers(0, 10**6),
)


@given(st.lists(LAYERS, max_size=3))
@settings(max_examples=30, deadline=None)
def test_every_format_of_data_sources_parses_back(reports: list[LayerReport]) -> None:
    view = views.sources_view(reports)
    payload = check_every_format(lambda fmt: rendered(view, fmt), views.SOURCE)
    assert [row["path"] for row in payload] == [str(report.layer.path) for report in reports]


def test_the_views_cover_every_command_with_fields(small: Dataset) -> None:
    """The property above builds a view for each command SHAPES_BY_COMMAND knows."""
    assert {name for name, _, _ in views_of(small)} | {"sources"} == {
        *views.SHAPES_BY_COMMAND,
        "graph",
    }


# -- the loader on anything ---------------------------------------------------------------

SCALARS = (
    st.text(max_size=20)
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False)
    | st.booleans()
    | st.dates()
    | st.datetimes()
    | st.times()
)
KEYS = st.sampled_from(
    sorted(
        {
            *(name for cls in (Organisation, Collaboration, Participant) for name, _ in specs(cls)),
            "organisations",
            "collaborations",
        }
    )
) | st.text(min_size=1, max_size=8)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5),
    max_leaves=25,
)
RECORD = st.dictionaries(KEYS, VALUES, max_size=10)
DOCUMENTS = st.fixed_dictionaries(
    {},
    optional={
        "organisations": st.lists(RECORD, max_size=3) | VALUES,
        "collaborations": st.lists(RECORD, max_size=3) | VALUES,
        "comparisons": st.lists(RECORD, max_size=2) | VALUES,
    },
) | st.dictionaries(KEYS, VALUES, max_size=4)


def load_or_data_error(raw: bytes) -> None:
    """Loading `raw` gives a dataset, or a DataError whose problems name the file."""
    try:
        merge([parse_part(raw, "generated.toml")])
    except DataError as error:
        problems = error.problems
    else:
        return
    assert problems
    assert all(problem.startswith("generated.toml") for problem in problems)


# Example counts: each example costs 10 to 20 ms under coverage, where most of the suite's
# time goes; these still try one and a half to two times Hypothesis's default of 100.
@given(DOCUMENTS)
@settings(max_examples=150, deadline=None)
def test_any_toml_document_loads_or_is_a_data_error(document: dict[str, Any]) -> None:
    load_or_data_error(tomli_w.dumps(document).encode())


@given(st.binary(max_size=2000))
@settings(max_examples=200, deadline=None)
def test_any_bytes_load_or_are_a_data_error(raw: bytes) -> None:
    load_or_data_error(raw)


@st.composite
def damaged(draw: st.DrawFn) -> dict[str, Any]:
    """A valid dataset's document with one value, anywhere in it, replaced by anything."""
    document = to_document(draw(datasets(max_organisations=3, max_collaborations=3)))
    node: Any = document
    while True:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            break
        key = draw(st.sampled_from(keys))
        child = node[key]
        if isinstance(child, dict | list) and child and draw(st.booleans()):
            node = child
            continue
        node[key] = draw(VALUES)
        break
    return document


@given(damaged())
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_damaged_valid_file_loads_or_is_a_data_error(document: dict[str, Any]) -> None:
    load_or_data_error(tomli_w.dumps(document).encode())
