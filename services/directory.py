"""The delegation directory: search, sector filter, and links to activities and B2B meetings."""

from __future__ import annotations

import re

from services.models import Activity, Company, DelegateDoc, Meeting, MissionDoc
from services.search import fold

_NOTE = re.compile(r"\((illustrative|fictif|fictief)[^)]*\)")


def _name_key(name: str) -> str:
    """Company names compare without case, accents, punctuation or an '(illustrative)' note."""
    return re.sub(r"[^a-z0-9]+", " ", fold(_NOTE.sub("", name))).strip()


def search(mission: MissionDoc, query: str = "", sector: str | None = None) -> list[Company]:
    """Companies whose name, profile (any language), contact or sector match, sorted by name."""
    words = fold(query).split()
    sectors = {s.id: " ".join(s.name.values()) for s in mission.mission.sectors}
    found = []
    for company in mission.companies:
        if sector and sector not in company.sectors:
            continue
        haystack = fold(
            " ".join(
                [
                    company.name,
                    *company.profile.values(),
                    company.contact.name,
                    *(sectors.get(s, s) for s in company.sectors),
                ]
            )
        )
        if all(word in haystack for word in words):
            found.append(company)
    return sorted(found, key=lambda c: fold(c.name))


def company(mission: MissionDoc, company_id: str) -> Company | None:
    return next((c for c in mission.companies if c.id == company_id), None)


def hosted(mission: MissionDoc, entry: Company) -> list[Activity]:
    hosts = set(entry.hosts)
    return sorted((a for a in mission.activities if a.id in hosts), key=lambda a: a.start)


def meetings_with(delegate: DelegateDoc | None, entry: Company) -> list[Meeting]:
    """This person's B2B meetings with the company (matched by name)."""
    if delegate is None:
        return []
    key = _name_key(entry.name)
    return sorted(
        (m for m in delegate.meetings if _name_key(m.company) == key), key=lambda m: m.start
    )


def company_of(mission: MissionDoc, delegate: DelegateDoc | None) -> Company | None:
    """The directory entry of the delegate's own company, if it is listed."""
    if delegate is None:
        return None
    key = _name_key(delegate.delegate.company)
    return next((c for c in mission.companies if _name_key(c.name) == key), None)
