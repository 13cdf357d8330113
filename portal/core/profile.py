"""The agency profile: who the portal publishes for. One TOML file in profiles/, chosen by the
PORTAL_PROFILE setting (a name in profiles/ or a path to a .toml file), holds everything that
differs from one agency to the next: names, domain, place, contacts, section intros, the seeded
registry lists, the roles' display names and the prefixes of what the install writes outside
its database. Code never names an agency: it reads `current()`.

Read by the settings too, so this module imports nothing from Django's apps."""

import json
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PROFILES = Path(__file__).resolve().parent.parent.parent / "profiles"
DEFAULT = "sotp-quangtri"
# The roles of the regulation (Art. 4.1, 6, 7), and the staff of the units that draft legal
# documents (drafts for comment), by code; each profile names them.
ROLE_CODES = ("operators", "contributors", "board", "directors", "office", "drafting")


@dataclass(frozen=True)
class Profile:
    name: str  # the agency's full name, in the footer and every citation
    short_name: str  # the admin's title, the authenticator app's entry
    common_name: str  # the name without the province, as a text says it again: "Văn phòng <…>"
    managing_agency: str
    responsible_position: str
    domain: str
    place: str  # where documents are dated: "<place>, ngày ... tháng ... năm ..."
    home_intro: str
    feedback_thank_you: str
    contacts: dict
    section_intros: dict  # {section slug: intro}
    document_types: list  # [(name, abbreviation, normative)]
    authorities: list  # [(name, abbreviation)]
    fields: list
    roles: dict  # {role code: group name}
    password_words: list  # the agency's names, lower case without diacritics
    search_index_prefix: str
    cache_key_prefix: str
    backup_prefix: str
    exchange_format: str
    report_symbol: str  # "Số: n/<symbol>" on printed reports (Nghị định 30/2020)
    demo: dict  # what `setup_portal --demo` shows of this agency (portal/demo/), or {}


def path_of(name):
    path = Path(name)
    return path if path.suffix == ".toml" else PROFILES / f"{name}.toml"


@cache
def load(name=DEFAULT):
    with open(path_of(name), "rb") as file:
        data = tomllib.load(file)
    agency, prefixes = data["agency"], data["prefixes"]
    roles = data["roles"]
    missing = set(ROLE_CODES) - set(roles)
    if missing:
        raise ValueError(f"{path_of(name)}: [roles] lacks {', '.join(sorted(missing))}")
    return Profile(
        name=agency["name"],
        short_name=agency["short_name"],
        common_name=agency["common_name"],
        managing_agency=agency["managing_agency"],
        responsible_position=agency["responsible_position"],
        domain=agency["domain"],
        place=agency["place"],
        home_intro=agency["home_intro"],
        feedback_thank_you=agency["feedback_thank_you"],
        contacts=data.get("contacts", {}),
        section_intros=data["section_intros"],
        document_types=[tuple(row) for row in data["registry"]["document_types"]],
        authorities=[tuple(row) for row in data["registry"]["authorities"]],
        fields=list(data["registry"]["fields"]),
        roles=roles,
        password_words=list(data.get("passwords", {}).get("words", [])),
        search_index_prefix=prefixes["search_index"],
        cache_key_prefix=prefixes["cache_key"],
        backup_prefix=prefixes["backup"],
        exchange_format=prefixes["exchange_format"],
        report_symbol=data.get("reports", {}).get("symbol", "BC"),
        demo=load_demo(path_of(name)),
    )


def load_demo(path):
    """The agency's own demo content, <profile>.demo.json next to its profile: its documents,
    news, organisation, regulation. Files it names are beside it. Without one, the demo shows
    samples that name no agency but the profile's."""
    demo_path = path.with_suffix(".demo.json")
    if not demo_path.exists():
        return {}
    data = json.loads(demo_path.read_text(encoding="utf-8"))
    data["folder"] = str(demo_path.parent)
    return data


def current():
    """The profile the settings name (PORTAL_PROFILE)."""
    from django.conf import settings

    return load(settings.PORTAL_PROFILE)
