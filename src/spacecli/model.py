"""The data model: frozen dataclasses and the controlled vocabularies. No I/O here."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from spacecli.schema import FOUNDED_MIN, spec


class OrgKind(StrEnum):
    """What sort of body an organisation is."""

    AGENCY = "agency"
    INTERGOVERNMENTAL = "intergovernmental"
    INSTITUTE = "institute"
    COMPANY = "company"
    COORDINATION = "coordination"
    GOVERNMENT = "government"  # a state taking part as such (Interkosmos), past ones included


class CollabKind(StrEnum):
    """What sort of undertaking a collaboration is."""

    MISSION = "mission"
    STATION = "station"
    TELESCOPE = "telescope"
    PROGRAMME = "programme"
    AGREEMENT = "agreement"
    COORDINATION = "coordination"
    FLIGHT = "flight"


class Goal(StrEnum):
    """What a collaboration is for. Documented in data/README.md."""

    MOON = "moon"
    MARS = "mars"
    PLANETARY_SCIENCE = "planetary-science"
    EXOPLANETS = "exoplanets"
    COSMIC_BACKGROUND = "cosmic-background"
    ASTRONOMY = "astronomy"
    SUN = "sun"
    FUNDAMENTAL_PHYSICS = "fundamental-physics"
    EARTH_OBSERVATION = "earth-observation"
    MICROGRAVITY_RESEARCH = "microgravity-research"
    HUMAN_SPACEFLIGHT = "human-spaceflight"
    CARGO = "cargo"
    LAUNCH_SERVICES = "launch-services"
    NAVIGATION = "navigation"
    TELECOMMUNICATIONS = "telecommunications"
    SPACE_SAFETY = "space-safety"
    TECHNOLOGY_DEMONSTRATION = "technology-demonstration"
    COORDINATION = "coordination"


#: What each goal covers, as documented in data/README.md (a test keeps the two in step).
GOAL_DESCRIPTIONS: dict[Goal, str] = {
    Goal.MOON: "lunar orbiters, landers, rovers, the lunar station and lunar agreements",
    Goal.MARS: "Mars and its moons",
    Goal.PLANETARY_SCIENCE: "other planets, their moons, comets and asteroids",
    Goal.EXOPLANETS: "finding and characterising planets around other stars",
    Goal.COSMIC_BACKGROUND: "the cosmic microwave background",
    Goal.ASTRONOMY: "telescopes and observatories for the wider universe",
    Goal.SUN: "the Sun and the heliosphere",
    Goal.FUNDAMENTAL_PHYSICS: "gravity, relativity, gravitational waves",
    Goal.EARTH_OBSERVATION: "observing Earth: climate, oceans, weather, disasters",
    Goal.MICROGRAVITY_RESEARCH: "research in weightlessness, on stations and flights",
    Goal.HUMAN_SPACEFLIGHT: "crewed flights and stations",
    Goal.CARGO: "delivering supplies and equipment, above all to stations",
    Goal.LAUNCH_SERVICES: "launching another country's or company's spacecraft",
    Goal.NAVIGATION: "satellite navigation and timing systems",
    Goal.TELECOMMUNICATIONS: "communications satellites, relays and data links",
    Goal.SPACE_SAFETY: "space debris, space traffic, space weather and planetary defence",
    Goal.TECHNOLOGY_DEMONSTRATION: "trying out new technology in space",
    Goal.COORDINATION: "bodies and agreements that coordinate many agencies",
}


class Status(StrEnum):
    """Where a collaboration stands today."""

    PLANNED = "planned"
    ACTIVE = "active"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"


class Role(StrEnum):
    """What an organisation does in a collaboration."""

    LEAD = "lead"
    PARTNER = "partner"
    CONTRIBUTOR = "contributor"
    INSTRUMENT = "instrument"
    LAUNCH = "launch"
    GROUND_SUPPORT = "ground-support"
    OPERATOR = "operator"
    FUNDER = "funder"
    MEMBER = "member"
    COORDINATOR = "coordinator"
    PROVIDER = "provider"
    CUSTOMER = "customer"


@dataclass(frozen=True, slots=True, kw_only=True)
class Membership:
    """A state an intergovernmental body represents, and when it joined or left."""

    country: str = spec("country", "the member state", required=True, example="NZ")
    since: int | None = spec("year", "the year it joined", earliest=FOUNDED_MIN, example=2001)
    until: int | None = spec(
        "year", "the year it left", earliest=FOUNDED_MIN, not_before="since", example=None
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Predecessor:
    """An organisation that became this one (merged into it, renamed, replaced)."""

    org: str = spec(
        "ref",
        "the earlier organisation's id",
        required=True,
        refers_to="organisations",
    )
    year: int | None = spec(
        "year", "the year it became this one", earliest=FOUNDED_MIN, example=1995
    )
    note: str | None = spec("text", "how: merged, renamed, replaced", example="Renamed.")


@dataclass(frozen=True, slots=True, kw_only=True)
class Organisation:
    """A space agency, intergovernmental body, research institute, company or coordination body,
    or a state taking part as such (kind `government`). A state that no longer exists keeps its
    reserved code (USSR `SU`, Czechoslovakia `CS`, East Germany `DD`), and its successor lists
    it in `predecessors`."""

    id: str = spec(
        "id",
        "stable id: lower-case letters, digits and single hyphens (`nasa`)",
        required=True,
        example="example-university",
    )
    abbreviation: str = spec(
        "text",
        "the short name people use, shown in tables (`NASA`)",
        required=True,
        example="EXU",
    )
    name: str = spec("text", "full name in English", required=True, example="Example University")
    aliases: tuple[str, ...] = spec(
        "text",
        "other names people type: former names, names in other languages",
        many=True,
        example=["ExU", "Example Uni"],
    )
    kind: OrgKind = spec(
        "choice", "what sort of body it is", required=True, vocabulary=OrgKind, example="institute"
    )
    countries: tuple[str, ...] = spec(
        "country",
        "where it is based (its headquarters); `[]` for a forum with no seat; an "
        "intergovernmental body's member states are its `members`",
        required=True,
        many=True,
        min_items=0,
        example=["NZ"],
        table="organisation_countries",
    )
    founded: int | None = spec(
        "year", "the year it was founded", earliest=FOUNDED_MIN, example=1990
    )
    parent: str | None = spec(
        "ref",
        "the organisation it belongs to or answers to (KARI: KASA), in any file in effect",
        refers_to="organisations",
    )
    members: tuple[Membership, ...] = spec(
        "record",
        "the states an intergovernmental body represents, with the years they joined",
        many=True,
        record=Membership,
    )
    predecessors: tuple[Predecessor, ...] = spec(
        "record",
        "organisations that became this one (NASDA, ISAS and NAL became JAXA in 2003)",
        many=True,
        record=Predecessor,
    )
    website: str | None = spec("url", "official website", example="https://www.example.org/")
    sources: tuple[str, ...] = spec(
        "url",
        "pages that state the facts of the record, each read",
        required=True,
        many=True,
        example=["https://www.example.org/about"],
        column="url",
    )
    note: str | None = spec(
        "text",
        "what the sources leave open or disagree on; renamings; caveats",
        example="Anything the sources leave open or disagree on.",
    )

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the organisation answers to."""
        return (self.id, self.abbreviation, self.name, *self.aliases)


@dataclass(frozen=True, slots=True, kw_only=True)
class Figure:
    """A number people quote about a collaboration, with the source that gives it."""

    label: str = spec("text", "what is counted", required=True, example="students")
    value: int = spec("integer", "the number", required=True, example=40)
    source: str = spec(
        "url", "the page that gives it", required=True, example="https://www.example.org/team"
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Participant:
    """One organisation's part in a collaboration."""

    org: str = spec(
        "ref",
        "who: an organisation id, in this file or another in effect",
        required=True,
        refers_to="organisations",
        example="example-university",
    )
    role: Role = spec(
        "choice",
        "what it does in the collaboration",
        required=True,
        vocabulary=Role,
        example="lead",
    )
    contribution: str | None = spec(
        "text",
        "what it provides (`Orion European Service Module`)",
        example="Spacecraft and operations",
    )
    since: int | None = spec("year", "the year it joined, when later than the start", example=2021)
    until: int | None = spec(
        "year", "the year it left, when before the end", not_before="since", example=2025
    )
    note: str | None = spec(
        "text", "why it joined or left; caveats", example="Why it joined or left."
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Collaboration:
    """A joint mission, station, telescope, programme, agreement, coordination effort or flight."""

    id: str = spec(
        "id",
        "stable id: lower-case letters, digits and single hyphens (`jwst`)",
        required=True,
        example="example-cubesat",
    )
    name: str = spec("text", "full name", required=True, example="Example CubeSat")
    aliases: tuple[str, ...] = spec(
        "text", "other names people type (`JWST`, `Webb`)", many=True, example=["ExSat"]
    )
    kind: CollabKind = spec(
        "choice",
        "what sort of undertaking it is",
        required=True,
        vocabulary=CollabKind,
        example="mission",
    )
    goals: tuple[Goal, ...] = spec(
        "choice",
        "what it is for, one or more (`spacecli goals` lists them)",
        required=True,
        many=True,
        vocabulary=Goal,
        example=["earth-observation"],
    )
    start: int = spec(
        "year",
        "when the joint work began (agreement or approval), or the launch year when sources "
        "give nothing earlier",
        required=True,
        example=2020,
    )
    launch: int | None = spec("year", "launch year", example=2022)
    end: int | None = spec(
        "year",
        "when it ended (end of mission, cancellation, de-orbit)",
        not_before="start",
        example=2025,
    )
    status: Status = spec(
        "choice", "where it stands today", required=True, vocabulary=Status, example="completed"
    )
    summary: str = spec(
        "text",
        "one or two sentences in our own words",
        required=True,
        example="A made-up student satellite, to show the fields of a collaboration.",
    )
    sources: tuple[str, ...] = spec(
        "url",
        "pages that state the facts of the record, each read",
        required=True,
        many=True,
        example=["https://www.example.org/cubesat"],
        column="url",
    )
    note: str | None = spec(
        "text",
        "where sources disagree, and other caveats",
        example="Where sources disagree, say so here.",
    )
    checked: str | None = spec(
        "month",
        "when the status was last confirmed by a source (YYYY-MM)",
        example="2026-11",
    )
    related: tuple[str, ...] = spec(
        "ref",
        "other collaborations it belongs with: a programme and its missions, an agreement "
        "and what it governs",
        many=True,
        refers_to="collaborations",
        example=[],
    )
    figures: tuple[Figure, ...] = spec(
        "record", "numbers people quote, each with its own source", many=True, record=Figure
    )
    participants: tuple[Participant, ...] = spec(
        "record", "who takes part, and how", required=True, many=True, record=Participant
    )

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the collaboration answers to."""
        return (self.id, self.name, *self.aliases)

    @property
    def org_ids(self) -> tuple[str, ...]:
        """The ids of the organisations taking part, in the order the data lists them."""
        return tuple(p.org for p in self.participants)


@dataclass(frozen=True, slots=True, kw_only=True)
class Comparison:
    """A row of the comparison table: partners as written, the type, and the backing records."""

    id: str = spec(
        "id",
        "stable id: lower-case letters, digits and single hyphens",
        required=True,
        example="example-comparison",
    )
    partners: str = spec(
        "text",
        "the partners as the table words them",
        required=True,
        example="Example University and its partners",
    )
    type: str = spec(
        "text", "the type of collaboration, as worded", required=True, example="Student satellite"
    )
    collaborations: tuple[str, ...] = spec(
        "ref",
        "the collaborations that back the row",
        required=True,
        many=True,
        refers_to="collaborations",
        example=["example-cubesat"],
        table="comparison_collaborations",
    )
    note: str | None = spec("text", "what the sources say otherwise", example="Optional.")


class Section(StrEnum):
    """The sections of a data file whose records can be withdrawn."""

    ORGANISATIONS = "organisations"
    COLLABORATIONS = "collaborations"


@dataclass(frozen=True, slots=True, kw_only=True)
class Withdrawal:
    """A record taken out of the data, kept so that its id still says what became of it.

    Ids are stable: scripts and overlays name records by them. A record merged into another
    names that one (`replaced_by`), and looking up the old id gives the new record; a record
    withdrawn for want of sources gives an error that says why.
    """

    id: str = spec(
        "id", "the id the record had", required=True, example="example-old-cubesat-study"
    )
    section: Section = spec(
        "choice",
        "the section it was in",
        required=True,
        vocabulary=Section,
        example="collaborations",
    )
    month: str = spec("month", "when it was taken out (YYYY-MM)", required=True, example="2026-12")
    reason: str = spec(
        "text",
        "why, in a sentence",
        required=True,
        example="merged into example-cubesat, which covers the same study",
    )
    replaced_by: str | None = spec(
        "text",  # an id of the section `section` names: checked when files are combined
        "the id of the record of the same section that now holds its facts",
        example="example-cubesat",
    )


@dataclass(frozen=True, slots=True, eq=False)
class Dataset:
    """Everything spacecli knows, as loaded and validated from the data file.

    Two datasets are equal when they hold the same records, whatever made them (the loader,
    or the parsed-data cache, which decodes records only as they are asked for).
    """

    organisations: tuple[Organisation, ...] = spec(
        "record", "space agencies, bodies, institutes and companies", many=True, record=Organisation
    )
    collaborations: tuple[Collaboration, ...] = spec(
        "record", "what they do together", many=True, record=Collaboration
    )
    comparisons: tuple[Comparison, ...] = spec(
        "record", "rows of the comparison table (`spacecli compare`)", many=True, record=Comparison
    )
    withdrawn: tuple[Withdrawal, ...] = spec(
        "record",
        "ids of records taken out (merged or unsourced), so that they still answer",
        many=True,
        record=Withdrawal,
    )
    _orgs: dict[str, Organisation] = field(init=False, repr=False, compare=False)
    _collabs: dict[str, Collaboration] = field(init=False, repr=False, compare=False)
    _org_names: dict[str, str] = field(init=False, repr=False, compare=False)
    _collab_names: dict[str, str] = field(init=False, repr=False, compare=False)
    _involving: dict[str, tuple[Collaboration, ...]] = field(init=False, repr=False, compare=False)
    _withdrawn: dict[tuple[str, str], Withdrawal] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Derived lookups, built once; the dataclass stays frozen for its users.
        object.__setattr__(self, "_orgs", {o.id: o for o in self.organisations})
        object.__setattr__(self, "_collabs", {c.id: c for c in self.collaborations})
        object.__setattr__(self, "_org_names", _name_index(self.organisations))
        object.__setattr__(self, "_collab_names", _name_index(self.collaborations))
        involving: dict[str, list[Collaboration]] = {}
        for collab in self.collaborations:
            for org_id in dict.fromkeys(collab.org_ids):
                involving.setdefault(org_id, []).append(collab)
        object.__setattr__(self, "_involving", {k: tuple(v) for k, v in involving.items()})
        object.__setattr__(self, "_withdrawn", withdrawal_index(self.withdrawn))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Dataset):
            return NotImplemented
        return (self.organisations, self.collaborations, self.comparisons, self.withdrawn) == (
            other.organisations,
            other.collaborations,
            other.comparisons,
            other.withdrawn,
        )

    def __hash__(self) -> int:
        return hash((self.organisations, self.collaborations, self.comparisons, self.withdrawn))

    def organisation(self, org_id: str) -> Organisation:
        """The organisation with this id (KeyError if none; the loader checks references)."""
        return self._orgs[org_id]

    def collaboration(self, collab_id: str) -> Collaboration:
        """The collaboration with this id (KeyError if none)."""
        return self._collabs[collab_id]

    def involving(self, org_id: str) -> tuple[Collaboration, ...]:
        """The collaborations the organisation takes part in, in the data's order."""
        return self._involving.get(org_id, ())

    def find_organisation(self, name: str) -> Organisation | None:
        """The organisation one of whose names (id, abbreviation, name, alias) matches `name`."""
        org_id = self._org_names.get(normalise(name))
        return None if org_id is None else self._orgs[org_id]

    def find_collaboration(self, name: str) -> Collaboration | None:
        """The collaboration one of whose names (id, name, alias) matches `name`."""
        collab_id = self._collab_names.get(normalise(name))
        return None if collab_id is None else self._collabs[collab_id]

    def withdrawal(self, section: Section, name: str) -> Withdrawal | None:
        """What became of the withdrawn record of `section` whose id is `name` (any case)."""
        return self._withdrawn.get((section.value, normalise(name)))

    def name_index(self, section: str) -> dict[str, str]:
        """Every normalised name of a section's records ("organisations", "collaborations"),
        each with the id of the record it names."""
        return self._org_names if section == "organisations" else self._collab_names


def normalise(name: str) -> str:
    """The form in which names are compared: case-folded, letters and digits only."""
    return _NOT_ALNUM.sub("", name.casefold())


# \W is what str.isalnum() rejects, the underscore aside: this keeps exactly the letters and
# digits, in one pass in C.
_NOT_ALNUM = re.compile(r"[\W_]+")


def withdrawal_index(withdrawn: tuple[Withdrawal, ...]) -> dict[tuple[str, str], Withdrawal]:
    """The withdrawals by (section, normalised id), as `Dataset.withdrawal` looks them up."""
    return {(w.section.value, normalise(w.id)): w for w in withdrawn}


def _name_index(records: tuple[Organisation, ...] | tuple[Collaboration, ...]) -> dict[str, str]:
    index: dict[str, str] = {}
    for record in records:
        for name in record.names:
            index.setdefault(normalise(name), record.id)
    return index
