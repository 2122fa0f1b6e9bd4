"""Fonts for tickets drawn as images: which file to use for which line.

Pillow draws one string with one font, and no single installed font looks good in every
language: Noto Sans Arabic has no Latin letters, Noto Sans no Arabic. So each line gets the
first font in its language's list that has a glyph for every character, with DejaVu Sans
(Latin, Cyrillic, Arabic) as the last resort. Arabic needs Pillow's raqm layout (HarfBuzz
shaping and FriBiDi ordering); :data:`HAS_RAQM` tells whether this Pillow has it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Final

from PIL import ImageFont, features

from printers.errors import PrinterConfigError

log = logging.getLogger(__name__)

HAS_RAQM: Final = bool(features.check("raqm"))

FONT_DIRS: Final = (Path("/usr/share/fonts/truetype"), Path("/usr/share/fonts/opentype"),
                    Path("/usr/local/share/fonts"))

_REGULAR: Final = {
    "noto": "NotoSans-Regular.ttf",
    "noto-arabic": "NotoSansArabic-Regular.ttf",
    "dejavu": "DejaVuSans.ttf",
}
_BOLD: Final = {
    "noto": "NotoSans-Bold.ttf",
    "noto-arabic": "NotoSansArabic-Bold.ttf",
    "dejavu": "DejaVuSans-Bold.ttf",
}
_CHAIN_BY_LANGUAGE: Final = {"ar": ("noto-arabic", "noto", "dejavu")}
_DEFAULT_CHAIN: Final = ("noto", "dejavu")

# A code point no font maps: what it draws is the font's ".notdef" box.
_NOT_A_CHARACTER: Final = "\uffff"


@cache
def find_font_file(file_name: str) -> Path | None:
    """The installed font file called ``file_name``, or ``None``."""
    for directory in FONT_DIRS:
        if directory.is_dir():
            for found in sorted(directory.rglob(file_name)):
                return found
    return None


@cache
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    engine = ImageFont.Layout.RAQM if HAS_RAQM else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(path), size, layout_engine=engine)


@cache
def _notdef_mask(path: Path) -> bytes:
    return _glyph_signature(path, _NOT_A_CHARACTER)


@cache
def _glyph_signature(path: Path, char: str) -> bytes:
    # Pillow exposes no character map, so compare the drawn glyph with the .notdef box.
    basic = ImageFont.truetype(str(path), 32, layout_engine=ImageFont.Layout.BASIC)
    mask = basic.getmask(char)
    return repr(mask.size).encode() + bytes(mask)


def has_glyph(path: Path, char: str) -> bool:
    """True when the font file draws ``char`` as itself rather than as a box."""
    if char.isspace() or not char.isprintable():
        return True
    return _glyph_signature(path, char) != _notdef_mask(path)


def _chain(language: str, bold: bool) -> list[Path]:
    names = _BOLD if bold else _REGULAR
    paths = [find_font_file(names[key]) for key in _CHAIN_BY_LANGUAGE.get(language,
                                                                          _DEFAULT_CHAIN)]
    return [p for p in paths if p is not None]


def missing_glyphs(path: Path, text: str) -> str:
    return "".join(sorted({c for c in text if not has_glyph(path, c)}))


def font_for(text: str, language: str, size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
    """The first font for ``language`` that can draw all of ``text`` (at ``size`` pixels).

    When none can, the one missing the fewest characters is used and a warning logged: a
    few boxes on a ticket are better than no ticket.
    """
    chain = _chain(language, bold)
    if not chain:
        raise PrinterConfigError(
            "no ticket fonts found: install fonts-noto-core or fonts-dejavu-core"
        )
    best: tuple[int, Path] | None = None
    for path in chain:
        missing = missing_glyphs(path, text)
        if not missing:
            return _font(path, size)
        if best is None or len(missing) < best[0]:
            best = (len(missing), path)
    assert best is not None
    log.warning("no installed font draws all of %r (language %s); using %s",
                text, language, best[1].name)
    return _font(best[1], size)


def coverage_problems(texts: Sequence[str], language: str) -> list[str]:
    """The texts that the regular or the bold fonts for ``language`` cannot draw completely."""
    chains = (_chain(language, False), _chain(language, True))
    return [text for text in texts
            if not all(any(not missing_glyphs(p, text) for p in chain) for chain in chains)]
