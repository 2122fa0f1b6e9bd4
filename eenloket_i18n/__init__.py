"""The translation layer: every user-facing string goes through :func:`translate`.

Catalogues are JSON files under ``catalog/``, one per part of the product (``kiosk.json``,
``board.json``, ``printers.json``, ``web.json`` …) so that each part owns its own texts. Each
file maps a key to its texts per language::

    {"ticket.next_step": {"nl": "Kijk op het scherm. U wordt geroepen.",
                          "en": "Watch the screen. You will be called."}}

Dutch is the source language and must be present for every key; a missing translation falls
back to English, then Dutch, so a visitor never sees a bare key. Dutch texts are written at
language level B1.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Final

LANGUAGES: Final = ("nl", "en", "pl", "tr", "uk", "ar")
"""The languages the visitor-facing parts offer, in the order a kiosk shows them."""

LANGUAGE_NAMES: Final = {
    "nl": "Nederlands",
    "en": "English",
    "pl": "Polski",
    "tr": "Türkçe",
    "uk": "Українська",
    "ar": "العربية",
}
"""Each language's name in that language itself, as a language choice shows it."""

RIGHT_TO_LEFT: Final = frozenset({"ar"})
FALLBACKS: Final = ("en", "nl")


class UnknownKey(KeyError):
    """A key that no catalogue defines: a programming error, caught by the catalogue tests."""


@cache
def _catalogue() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for entry in sorted(resources.files(__package__).joinpath("catalog").iterdir(),
                        key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        texts: dict[str, dict[str, str]] = json.loads(entry.read_text(encoding="utf-8"))
        for key, by_language in texts.items():
            if key in merged:
                raise ValueError(f"translation key {key!r} is defined twice ({entry.name})")
            merged[key] = by_language
    return merged


def translate(key: str, language: str, /, **params: object) -> str:
    """The text for ``key`` in ``language`` with ``{name}`` placeholders filled from ``params``."""
    try:
        by_language = _catalogue()[key]
    except KeyError:
        raise UnknownKey(key) from None
    for candidate in (language, *FALLBACKS):
        text = by_language.get(candidate)
        if text is not None:
            return text.format(**params) if params else text
    raise UnknownKey(key)


def is_rtl(language: str) -> bool:
    return language in RIGHT_TO_LEFT


def keys() -> frozenset[str]:
    return frozenset(_catalogue())


def texts(key: str) -> dict[str, str]:
    """All translations of one key (for tests and for web pages that switch language live)."""
    return dict(_catalogue()[key])
