"""spacecli: the offline reference for international collaboration in space exploration.

The command line is one way in; this package is the other. Load the data, then ask:

    >>> import spacecli
    >>> data = spacecli.load()
    >>> spacecli.partners(data, "NASA")[0].partner.abbreviation
    'ESA'

Everything here is typed, pure and free of typer and rich; docs/python-api.md has more.
"""

__version__ = "0.1.0"

from spacecli.data import load, loads
from spacecli.errors import DataError, NotFoundError, RenamedIdWarning, SpacecliError
from spacecli.model import (
    CollabKind,
    Collaboration,
    Comparison,
    Dataset,
    Figure,
    Goal,
    Organisation,
    OrgKind,
    Participant,
    Role,
    Status,
)
from spacecli.query import (
    Filter,
    agencies,
    comparison_table,
    goals,
    graph,
    involvements,
    matrix,
    members,
    missions,
    most_connected,
    partners,
    path,
    resolve_collaboration,
    resolve_organisation,
    search,
    shared_collaborations,
    stats,
    timeline,
)

__all__ = [
    "CollabKind",
    "Collaboration",
    "Comparison",
    "DataError",
    "Dataset",
    "Figure",
    "Filter",
    "Goal",
    "NotFoundError",
    "OrgKind",
    "Organisation",
    "Participant",
    "RenamedIdWarning",
    "Role",
    "SpacecliError",
    "Status",
    "__version__",
    "agencies",
    "comparison_table",
    "goals",
    "graph",
    "involvements",
    "load",
    "loads",
    "matrix",
    "members",
    "missions",
    "most_connected",
    "partners",
    "path",
    "resolve_collaboration",
    "resolve_organisation",
    "search",
    "shared_collaborations",
    "stats",
    "timeline",
]
