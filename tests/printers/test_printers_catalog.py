"""The printers.json catalogue: complete in six languages, and drawable with installed fonts."""

from __future__ import annotations

import json
import string
from importlib import resources

import pytest

from eenloket_i18n import LANGUAGES, texts
from printers.fonts import HAS_RAQM, coverage_problems

CATALOGUE = json.loads(
    resources.files("eenloket_i18n").joinpath("catalog", "printers.json").read_text("utf-8")
)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_keys_belong_to_the_printers_part() -> None:
    assert all(key.startswith("printers.") for key in CATALOGUE)


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_key_has_all_languages_with_the_same_placeholders(key: str) -> None:
    by_language = texts(key)
    assert set(by_language) == set(LANGUAGES)
    assert all(text.strip() for text in by_language.values())
    assert len({frozenset(placeholders(t)) for t in by_language.values()}) == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_installed_fonts_draw_every_text(language: str) -> None:
    # A missing glyph prints as a box; this fails when fonts-noto-core or
    # fonts-dejavu-core is missing, or a translation uses a script they lack.
    assert coverage_problems([t[language] for t in CATALOGUE.values()], language) == []


def test_pillow_can_shape_arabic() -> None:
    # Without raqm, Arabic letters come out unjoined and left to right.
    assert HAS_RAQM
