"""Country names for the ISO 3166-1 codes the data uses, and the forms people type.

Organisations record where they are based as ISO 3166-1 alpha-2 codes (`countries`) and
intergovernmental bodies their member states (`members`). This table names those codes and
accepts the common ways of writing them: `JP`, `JPN`, `Japan`; `US`, `USA`, `United States`.
States that no longer exist keep their reserved codes (`SU`, `CS`, `DD`). A code missing
here is still valid data; it is shown as the code itself.
"""

from __future__ import annotations

from typing import NamedTuple

from spacecli.model import normalise


class Country(NamedTuple):
    """A country: its two- and three-letter ISO codes, its English name, other names."""

    code: str
    code3: str
    name: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every form the country answers to."""
        return (self.code, self.code3, self.name, *self.aliases)


COUNTRIES: tuple[Country, ...] = (
    Country("AE", "ARE", "United Arab Emirates", ("UAE", "Emirates")),
    Country("AF", "AFG", "Afghanistan"),
    Country("AR", "ARG", "Argentina"),
    Country("AT", "AUT", "Austria"),
    Country("AU", "AUS", "Australia"),
    Country("BD", "BGD", "Bangladesh"),
    Country("BE", "BEL", "Belgium"),
    Country("BG", "BGR", "Bulgaria"),
    Country("BH", "BHR", "Bahrain"),
    Country("BO", "BOL", "Bolivia"),
    Country("BR", "BRA", "Brazil"),
    Country("BY", "BLR", "Belarus"),
    Country("CA", "CAN", "Canada"),
    Country("CH", "CHE", "Switzerland"),
    Country("CL", "CHL", "Chile"),
    Country("CN", "CHN", "China", ("People's Republic of China", "PRC")),
    Country("CO", "COL", "Colombia"),
    Country("CS", "CSK", "Czechoslovakia"),
    Country("CU", "CUB", "Cuba"),
    Country("CZ", "CZE", "Czechia", ("Czech Republic",)),
    Country("DD", "DDR", "East Germany", ("German Democratic Republic", "GDR")),
    Country("DE", "DEU", "Germany"),
    Country("DK", "DNK", "Denmark"),
    Country("DZ", "DZA", "Algeria"),
    Country("EC", "ECU", "Ecuador"),
    Country("EE", "EST", "Estonia"),
    Country("EG", "EGY", "Egypt"),
    Country("ES", "ESP", "Spain"),
    Country("ET", "ETH", "Ethiopia"),
    Country("FI", "FIN", "Finland"),
    Country("FR", "FRA", "France"),
    Country("GB", "GBR", "United Kingdom", ("UK", "Britain", "Great Britain")),
    Country("GH", "GHA", "Ghana"),
    Country("GR", "GRC", "Greece"),
    Country("HR", "HRV", "Croatia"),
    Country("HU", "HUN", "Hungary"),
    Country("ID", "IDN", "Indonesia"),
    Country("IE", "IRL", "Ireland"),
    Country("IL", "ISR", "Israel"),
    Country("IN", "IND", "India"),
    Country("IR", "IRN", "Iran"),
    Country("IS", "ISL", "Iceland"),
    Country("IT", "ITA", "Italy"),
    Country("JO", "JOR", "Jordan"),
    Country("JP", "JPN", "Japan"),
    Country("KE", "KEN", "Kenya"),
    Country("KR", "KOR", "South Korea", ("Korea", "Republic of Korea")),
    Country("KW", "KWT", "Kuwait"),
    Country("KZ", "KAZ", "Kazakhstan"),
    Country("LA", "LAO", "Laos", ("Lao PDR",)),
    Country("LK", "LKA", "Sri Lanka"),
    Country("LT", "LTU", "Lithuania"),
    Country("LU", "LUX", "Luxembourg"),
    Country("LV", "LVA", "Latvia"),
    Country("MA", "MAR", "Morocco"),
    Country("MN", "MNG", "Mongolia"),
    Country("MX", "MEX", "Mexico"),
    Country("MY", "MYS", "Malaysia"),
    Country("NG", "NGA", "Nigeria"),
    Country("NL", "NLD", "Netherlands", ("Holland",)),
    Country("NO", "NOR", "Norway"),
    Country("NP", "NPL", "Nepal"),
    Country("NZ", "NZL", "New Zealand"),
    Country("OM", "OMN", "Oman"),
    Country("PE", "PER", "Peru"),
    Country("PH", "PHL", "Philippines"),
    Country("PK", "PAK", "Pakistan"),
    Country("PL", "POL", "Poland"),
    Country("PT", "PRT", "Portugal"),
    Country("QA", "QAT", "Qatar"),
    Country("RO", "ROU", "Romania"),
    Country("RU", "RUS", "Russia", ("Russian Federation",)),
    Country("RW", "RWA", "Rwanda"),
    Country("SA", "SAU", "Saudi Arabia"),
    Country("SD", "SDN", "Sudan"),
    Country("SE", "SWE", "Sweden"),
    Country("SG", "SGP", "Singapore"),
    Country("SI", "SVN", "Slovenia"),
    Country("SK", "SVK", "Slovakia"),
    Country("SU", "SUN", "Soviet Union", ("USSR",)),
    Country("SY", "SYR", "Syria"),
    Country("TH", "THA", "Thailand"),
    Country("TN", "TUN", "Tunisia"),
    Country("TR", "TUR", "Turkey", ("Türkiye", "Turkiye")),
    Country("TW", "TWN", "Taiwan"),
    Country("UA", "UKR", "Ukraine"),
    Country("UG", "UGA", "Uganda"),
    Country("US", "USA", "United States", ("United States of America", "America")),
    Country("UY", "URY", "Uruguay"),
    Country("VE", "VEN", "Venezuela"),
    Country("VN", "VNM", "Vietnam", ("Viet Nam",)),
    Country("ZA", "ZAF", "South Africa"),
)

#: The regions the dataset's coverage is measured by (`spacecli stats`, "By region"): each is
#: the ISO codes whose organisations count for it. Russia counts with the Soviet Union it
#: succeeded; the lists follow the UN's geographic regions (Latin America and the Caribbean,
#: Africa, South-eastern Asia, Oceania) and the Gulf Cooperation Council's members.
REGIONS: dict[str, frozenset[str]] = {
    "China": frozenset({"CN"}),
    "Russia and the USSR": frozenset({"RU", "SU"}),
    "Japan": frozenset({"JP"}),
    "India": frozenset({"IN"}),
    "South Korea": frozenset({"KR"}),
    "Gulf states": frozenset({"AE", "BH", "KW", "OM", "QA", "SA"}),
    "Israel": frozenset({"IL"}),
    "Latin America": frozenset(
        [
            "AR",
            "BO",
            "BR",
            "BS",
            "BB",
            "BZ",
            "CL",
            "CO",
            "CR",
            "CU",
            "DM",
            "DO",
            "EC",
            "GD",
            "GT",
            "GY",
            "HN",
            "HT",
            "JM",
            "KN",
            "LC",
            "MX",
            "NI",
            "PA",
            "PE",
            "PY",
            "SR",
            "SV",
            "TT",
            "UY",
            "VC",
            "VE",
        ]
    ),
    "Africa": frozenset(
        [
            "AO",
            "BF",
            "BI",
            "BJ",
            "BW",
            "CD",
            "CF",
            "CG",
            "CI",
            "CM",
            "CV",
            "DJ",
            "DZ",
            "EG",
            "ER",
            "ET",
            "GA",
            "GH",
            "GM",
            "GN",
            "GQ",
            "GW",
            "KE",
            "KM",
            "LR",
            "LS",
            "LY",
            "MA",
            "MG",
            "ML",
            "MR",
            "MU",
            "MW",
            "MZ",
            "NA",
            "NE",
            "NG",
            "RW",
            "SC",
            "SD",
            "SL",
            "SN",
            "SO",
            "SS",
            "ST",
            "SZ",
            "TD",
            "TG",
            "TN",
            "TZ",
            "UG",
            "ZA",
            "ZM",
            "ZW",
        ]
    ),
    "South-East Asia": frozenset(
        ["BN", "ID", "KH", "LA", "MM", "MY", "PH", "SG", "TH", "TL", "VN"]
    ),
    "Oceania": frozenset(
        ["AU", "FJ", "FM", "KI", "MH", "NR", "NZ", "PG", "PW", "SB", "TO", "TV", "VU", "WS"]
    ),
}

_BY_CODE = {country.code: country for country in COUNTRIES}
_BY_NAME = {normalise(name): country for country in COUNTRIES for name in country.names}

#: What an error says the country options accept.
ACCEPTED = "an ISO code (JP, JPN) or an English name (Japan, United States)"


def find(text: str) -> Country | None:
    """The country `text` names (a code or a name, any case), or None. Any two letters are
    taken as an ISO code, so a code this table does not name still works."""
    found = _BY_NAME.get(normalise(text))
    if found is None and len(text) == 2 and text.isascii() and text.isalpha():
        return of_code(text.upper())
    return found


def of_code(code: str) -> Country:
    """The country with ISO alpha-2 `code`; one not in the table is named by its code."""
    return _BY_CODE.get(code) or Country(code, code, code)
