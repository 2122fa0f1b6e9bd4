"""The hall's catalogue as the kiosk shows it: names in the visitor's language, search.

The server sends department and service names in Dutch and English; other languages show
the English name (the hall configuration has no other translations yet).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from eenloket_wire.messages import CatalogueOut, DepartmentOut, ServiceOut


def name(item: ServiceOut | DepartmentOut, language: str) -> str:
    return item.name_nl if language == "nl" else item.name_en


def fold(text: str) -> str:
    """Lower case without accents, so "verhuizing" finds "Verhuizing" and "e" finds "é"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True, slots=True)
class Found:
    service: ServiceOut
    department: DepartmentOut


def services(catalogue: CatalogueOut) -> list[Found]:
    return [Found(s, d) for d in catalogue.departments for s in d.services]


def find_service(catalogue: CatalogueOut, code: str) -> Found | None:
    return next((f for f in services(catalogue) if f.service.code == code), None)


def find_department(catalogue: CatalogueOut, code: str) -> DepartmentOut | None:
    return next((d for d in catalogue.departments if d.code == code), None)


def search(catalogue: CatalogueOut, query: str, language: str) -> list[Found]:
    """Services whose name (in Dutch, English or the department's name) holds every word of
    ``query``; names that start with the query come first."""
    words = fold(query).split()
    if not words:
        return []
    scored: list[tuple[int, int, Found]] = []
    for index, found in enumerate(services(catalogue)):
        own = fold(name(found.service, language))
        haystack = " ".join(fold(t) for t in (
            found.service.name_nl, found.service.name_en,
            found.department.name_nl, found.department.name_en,
        ))
        if all(word in haystack for word in words):
            rank = 0 if own.startswith(words[0]) else 1 if words[0] in own else 2
            scored.append((rank, index, found))
    return [found for _, _, found in sorted(scored, key=lambda item: (item[0], item[1]))]
