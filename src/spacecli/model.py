"""The data model: frozen dataclasses and the controlled vocabularies. No I/O here."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any


class OrgKind(StrEnum):
    """What sort of body an organisation is."""

    AGENCY = "agency"
    INTERGOVERNMENTAL = "intergovernmental"
    INSTITUTE = "institute"
    COMPANY = "company"
    COORDINATION = "coordination"


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


@dataclass(frozen=True, slots=True)
class Organisation:
    """A space agency, intergovernmental body, research institute, company or coordination body."""

    id: str
    abbreviation: str
    name: str
    kind: OrgKind
    countries: tuple[str, ...]
    sources: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    founded: int | None = None
    website: str | None = None
    note: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the organisation answers to."""
        return (self.id, self.abbreviation, self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Figure:
    """A number people quote about a collaboration, with the source that gives it."""

    label: str
    value: int
    source: str


@dataclass(frozen=True, slots=True)
class Participant:
    """One organisation's part in a collaboration."""

    org: str
    role: Role
    contribution: str | None = None
    since: int | None = None
    until: int | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Collaboration:
    """A joint mission, station, telescope, programme, agreement, coordination effort or flight."""

    id: str
    name: str
    kind: CollabKind
    goals: tuple[Goal, ...]
    start: int
    status: Status
    summary: str
    sources: tuple[str, ...]
    participants: tuple[Participant, ...]
    aliases: tuple[str, ...] = ()
    launch: int | None = None
    end: int | None = None
    note: str | None = None
    figures: tuple[Figure, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the collaboration answers to."""
        return (self.id, self.name, *self.aliases)

    @property
    def org_ids(self) -> tuple[str, ...]:
        """The ids of the organisations taking part, in the order the data lists them."""
        return tuple(p.org for p in self.participants)


@dataclass(frozen=True, slots=True)
class Comparison:
    """A row of the comparison table: partners as written, the type, and the backing records."""

    id: str
    partners: str
    type: str
    collaborations: tuple[str, ...]
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Dataset:
    """Everything spacecli knows, as loaded and validated from the data file."""

    organisations: tuple[Organisation, ...]
    collaborations: tuple[Collaboration, ...]
    comparisons: tuple[Comparison, ...] = ()
    _orgs: dict[str, Organisation] = field(init=False, repr=False, compare=False)
    _collabs: dict[str, Collaboration] = field(init=False, repr=False, compare=False)
    _org_names: dict[str, str] = field(init=False, repr=False, compare=False)
    _collab_names: dict[str, str] = field(init=False, repr=False, compare=False)
    _involving: dict[str, tuple[Collaboration, ...]] = field(init=False, repr=False, compare=False)

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


def _pickled_by_constructor(cls: type[Any]) -> None:
    """Pickle instances of `cls` as a call to `cls` with the field values, in order.

    The default for frozen, slotted dataclasses restores fields one by one in Python; a
    constructor call is about twice as fast, which the parsed-data cache feels on large data.
    """
    names = tuple(f.name for f in fields(cls))

    def __reduce__(self: Any) -> tuple[type[Any], tuple[Any, ...]]:
        return (cls, tuple(getattr(self, name) for name in names))

    setattr(cls, "__reduce__", __reduce__)  # noqa: B010 (a method, set on the class)


for _record in (Organisation, Figure, Participant, Collaboration, Comparison):
    _pickled_by_constructor(_record)


def normalise(name: str) -> str:
    """The form in which names are compared: case-folded, letters and digits only."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())


def _name_index(records: tuple[Organisation, ...] | tuple[Collaboration, ...]) -> dict[str, str]:
    index: dict[str, str] = {}
    for record in records:
        for name in record.names:
            index.setdefault(normalise(name), record.id)
    return index
