"""Every catalogue is complete enough that no visitor ever sees a bare key or a {slot}."""

from __future__ import annotations

import json
import string
from importlib import resources

import pytest

from eenloket_i18n import LANGUAGES, UnknownKey, is_rtl, keys, texts, translate

VISITOR_FACING = ("kiosk", "board", "printers", "web_visitor", "common")
"""Parts a visitor reads: every one of the kiosk's languages is required there."""


def _catalogues() -> dict[str, dict[str, dict[str, str]]]:
    folder = resources.files("eenloket_i18n").joinpath("catalog")
    return {
        entry.name.removesuffix(".json"): json.loads(entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir() if entry.name.endswith(".json")
    }


def _slots(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("part", sorted(_catalogues()))
def test_every_key_has_dutch_and_english_with_the_same_slots(part: str) -> None:
    for key, by_language in _catalogues()[part].items():
        assert by_language.get("nl"), f"{part}:{key} has no Dutch"
        assert by_language.get("en"), f"{part}:{key} has no English"
        expected = _slots(by_language["nl"])
        for language, text in by_language.items():
            assert language in LANGUAGES, f"{part}:{key} has unknown language {language}"
            assert _slots(text) == expected, f"{part}:{key} [{language}] slots differ"


@pytest.mark.parametrize("part", [p for p in VISITOR_FACING if p in _catalogues()])
def test_visitor_facing_texts_exist_in_every_kiosk_language(part: str) -> None:
    for key, by_language in _catalogues()[part].items():
        missing = [lang for lang in LANGUAGES if not by_language.get(lang)]
        assert not missing, f"{part}:{key} lacks {missing}"


def test_translate_fills_slots_and_falls_back() -> None:
    assert translate("common.desk", "nl", n=4) == "Balie 4"
    assert translate("common.desk", "en", n=4) == "Desk 4"
    assert translate("common.desk", "xx", n=4) == "Desk 4"


def test_unknown_keys_raise() -> None:
    with pytest.raises(UnknownKey):
        translate("no.such.key", "nl")


def test_keys_and_texts() -> None:
    assert "common.desk" in keys()
    assert set(texts("common.language")) == set(LANGUAGES)
    assert is_rtl("ar") and not is_rtl("nl")
