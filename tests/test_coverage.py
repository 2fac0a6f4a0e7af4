"""How much of the field the data covers: regions and decades in `stats`, and the targets of
the issue "The whole map" checked on the bundled data.

A target the data does not reach yet is marked `xfail(strict=True)`: the test runs, and it
fails the suite the day the data reaches the target, so that the mark is taken off and the
target then holds for good.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cli import json_of
from spacecli import load, query
from spacecli.model import Collaboration, Dataset, OrgKind, Role

# -- the counts, on made-up data ------------------------------------------------------------

REGIONS = """
[[organisations]]
id = "ussr-academy"
abbreviation = "SU-A"
name = "A Soviet academy"
kind = "institute"
countries = ["SU"]
sources = ["https://www.nasa.gov/su"]

[[organisations]]
id = "russian-agency"
abbreviation = "RU-A"
name = "A Russian agency"
kind = "agency"
countries = ["RU"]
sources = ["https://www.nasa.gov/ru"]

[[organisations]]
id = "thai-institute"
abbreviation = "TH-I"
name = "A Thai institute"
kind = "institute"
countries = ["TH"]
sources = ["https://www.nasa.gov/th"]

[[organisations]]
id = "union"
abbreviation = "UNI"
name = "An intergovernmental union"
kind = "intergovernmental"
countries = ["FR"]
sources = ["https://www.nasa.gov/uni"]

[[collaborations]]
id = "soviet-then-russian"
name = "Soviet Then Russian"
kind = "programme"
goals = ["moon"]
start = 1965
status = "completed"
end = 1999
summary = "Made up: the USSR and Russia alone, so not with a partner from outside the region."
sources = ["https://www.nasa.gov/one"]
participants = [{ org = "ussr-academy", role = "lead" }, { org = "russian-agency", role = "lead" }]

[[collaborations]]
id = "with-the-union"
name = "With The Union"
kind = "mission"
goals = ["moon"]
start = 1987
status = "completed"
end = 1990
summary = "Made up: Russia with an intergovernmental body, which is from outside every region."
sources = ["https://www.nasa.gov/two"]
participants = [{ org = "russian-agency", role = "lead" }, { org = "union", role = "partner" }]

[[collaborations]]
id = "thai-russian"
name = "Thai Russian"
kind = "mission"
goals = ["mars"]
start = 2021
status = "active"
summary = "Made up: one partner in South-East Asia, one in Russia."
sources = ["https://www.nasa.gov/three"]
[[collaborations.participants]]
org = "thai-institute"
role = "lead"
[[collaborations.participants]]
org = "ussr-academy"
role = "partner"
"""


def test_stats_count_regions_with_outside_partners_and_every_decade(tmp_path: Path) -> None:
    path = tmp_path / "regions.toml"
    path.write_text(REGIONS, encoding="utf-8")
    numbers = json_of("--no-bundled", "--data", str(path), "stats")
    regions = {row["region"]: row["count"] for row in numbers["by_region"]}
    assert regions["Russia and the USSR"] == 2  # with the union, with Thailand; not alone
    assert regions["South-East Asia"] == 1
    assert regions["China"] == regions["Oceania"] == 0
    assert numbers["by_decade"] == [
        {"decade": "1960s", "count": 1},
        {"decade": "1970s", "count": 0},
        {"decade": "1980s", "count": 1},
        {"decade": "1990s", "count": 0},
        {"decade": "2000s", "count": 0},
        {"decade": "2010s", "count": 0},
        {"decade": "2020s", "count": 1},
    ]


# -- the targets, on the bundled data -------------------------------------------------------

DATA = load()
STATS = query.stats(DATA)
NOT_YET = pytest.mark.xfail(strict=True, reason='not reached yet: issue "The whole map"')

#: The issue's areas, as the goals that make each one.
AREAS = {
    "Earth observation": ({"earth-observation"}, 60),
    "Moon": ({"moon"}, 35),
    "Mars": ({"mars"}, 20),
    "Other planets, comets, asteroids": ({"planetary-science"}, 25),
    "Astronomy and astrophysics": (
        {"astronomy", "exoplanets", "cosmic-background", "fundamental-physics"},
        50,
    ),
    "Sun, heliosphere, space weather": ({"sun"}, 25),
    "Human spaceflight and stations": ({"human-spaceflight"}, 55),
    "Cargo and launch services": ({"cargo", "launch-services"}, 15),
    "Navigation, telecommunications, technology": (
        {"navigation", "telecommunications", "technology-demonstration"},
        20,
    ),
    "Coordination bodies and agreements": ({"coordination"}, 35),
}
REGION_TARGETS = {
    "China": 30,
    "Russia and the USSR": 40,
    "Japan": 40,
    "India": 25,
    "South Korea": 8,
    "Gulf states": 8,
    "Israel": 8,
    "Latin America": 8,
    "Africa": 8,
    "South-East Asia": 8,
    "Oceania": 8,
}
#: The targets (counts, areas, regions) already reached; every other one is marked NOT_YET.
TARGETS_MET = {
    "South Korea",
    "Gulf states",
    "Latin America",
    "Russia and the USSR",
    "Human spaceflight and stations",
    "commercial partnerships across borders",
    "Japan",
    "Sun, heliosphere, space weather",
    "organisations",
    "begun before 1990",
    "Earth observation",
    "Navigation, telecommunications, technology",
    "Coordination bodies and agreements",
    "Israel",
    "Africa",
    "South-East Asia",
    "Cargo and launch services",
    "China",
    "Oceania",
    "India",
    "Mars",
    "Other planets, comets, asteroids",
    "Astronomy and astrophysics",
    "Moon",
    "collaborations",
}
#: The goals already used ten times; every other goal is marked NOT_YET.
GOALS_MET = {
    "moon",
    "mars",
    "planetary-science",
    "astronomy",
    "earth-observation",
    "microgravity-research",
    "human-spaceflight",
    "sun",
    "telecommunications",
    "space-safety",
    "coordination",
    "technology-demonstration",
    "launch-services",
    "navigation",
    "exoplanets",
    "fundamental-physics",
    "cargo",
    "cosmic-background",
}


#: The roles that make a company a party to a collaboration, not only a contractor to it.
PARTIES = {Role.LEAD, Role.PARTNER, Role.PROVIDER, Role.CUSTOMER, Role.OPERATOR}


def _commercial_across_borders(data: Dataset, collab: Collaboration) -> bool:
    """A company is a party to it, and a partner is from another country (or is an
    intergovernmental or coordination body)."""
    orgs = [data.organisation(org_id) for org_id in dict.fromkeys(collab.org_ids)]
    places = {code for org in orgs for code in query.country_codes(org)}
    bodies = any(org.kind in query.NOT_A_COUNTRY for org in orgs)
    company = any(
        p.role in PARTIES and data.organisation(p.org).kind is OrgKind.COMPANY
        for p in collab.participants
    )
    return company and (len(places) > 1 or bodies)


def _target(what: str, count: int, target: int) -> object:
    return pytest.param(what, count, target, marks=() if what in TARGETS_MET else NOT_YET, id=what)


@pytest.mark.parametrize(
    ("what", "count", "target"),
    [
        _target("collaborations", len(DATA.collaborations), 400),
        _target("organisations", len(DATA.organisations), 220),
        _target("begun before 1990", sum(1 for c in DATA.collaborations if c.start < 1990), 60),
        _target(
            "commercial partnerships across borders",
            sum(1 for c in DATA.collaborations if _commercial_across_borders(DATA, c)),
            25,
        ),
        *(
            _target(
                area,
                sum(1 for c in DATA.collaborations if {g.value for g in c.goals} & goals),
                target,
            )
            for area, (goals, target) in AREAS.items()
        ),
        *(
            _target(region, dict(STATS.by_region)[region], target)
            for region, target in REGION_TARGETS.items()
        ),
    ],
)
def test_the_whole_map(what: str, count: int, target: int) -> None:
    assert count >= target, f"{what}: {count} of {target}"


@pytest.mark.parametrize(
    ("goal", "count"),
    [
        pytest.param(goal, count, marks=() if goal in GOALS_MET else NOT_YET, id=goal)
        for goal, count in STATS.by_goal
    ],
)
def test_every_goal_is_used_ten_times(goal: str, count: int) -> None:
    assert count >= 10, f"{goal}: {count}"
