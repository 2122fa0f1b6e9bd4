"""Pictograms for department tiles and buttons, as SVG drawn in ``currentColor``.

Simple line drawings on a 64-unit grid, so one drawing serves every colour scheme (the
widgets put the scheme's text colour in). A department's ``pictogram`` name from the hall
configuration picks one; an unknown name gets the question mark.
"""

from __future__ import annotations

from typing import Final

_STROKE: Final = ('fill="none" stroke="currentColor" stroke-width="4" stroke-linecap="round" '
                  'stroke-linejoin="round"')

_DRAWINGS: Final = {
    "passport": '<rect x="14" y="6" width="36" height="52" rx="4"/><circle cx="32" cy="26" r="9"/>'
                '<path d="M23 26h18M32 17c-4 5-4 13 0 18M32 17c4 5 4 13 0 18M22 46h20"/>',
    "coins": '<ellipse cx="26" cy="14" rx="16" ry="6"/><path d="M10 14v10c0 3 7 6 16 6s16-3 '
             '16-6V14M10 24v10c0 3 7 6 16 6"/><ellipse cx="40" cy="40" rx="16" ry="6"/>'
             '<path d="M24 40v10c0 3 7 6 16 6s16-3 16-6V40"/>',
    "car": '<path d="M8 40v-8l6-14h36l6 14v8z"/><path d="M14 32h36"/>'
           '<circle cx="18" cy="44" r="5"/><circle cx="46" cy="44" r="5"/>'
           '<path d="M8 40v8M56 40v8"/>',
    "bin": '<path d="M12 16h40M26 16v-6h12v6M16 16l3 40h26l3-40M27 26v22M37 26v22"/>',
    "house": '<path d="M8 30L32 10l24 20M14 26v30h36V26"/>'
             '<rect x="26" y="38" width="12" height="18"/>',
    "hands": '<path d="M32 54S10 40 10 24a11 11 0 0 1 22-4 11 11 0 0 1 22 4c0 16-22 30-22 30z"/>',
    "question": '<circle cx="32" cy="32" r="24"/><path d="M24 25a8 8 0 1 1 11 7c-2 1-3 3-3 5v3"/>'
                '<circle cx="32" cy="47" r="1.5"/>',
    "calendar": '<rect x="8" y="12" width="48" height="42" rx="4"/><path d="M8 24h48M20 6v12M44 '
                '6v12M20 34h6M30 34h6M40 34h6M20 44h6M30 44h6"/>',
    "ticket": '<path d="M8 18h48v8a6 6 0 0 0 0 12v8H8v-8a6 6 0 0 0 0-12z"/><path d="M24 18v28" '
              'stroke-dasharray="4 5"/>',
    "speaker": '<path d="M8 24h10l14-12v40L18 40H8z"/><path d="M42 22a14 14 0 0 1 0 20M48 14a24 '
               '24 0 0 1 0 36"/>',
    "contrast": '<circle cx="32" cy="32" r="24"/><path d="M32 8a24 24 0 0 1 0 48z" '
                'fill="currentColor"/>',
    "text_size": '<path d="M6 52L20 14l14 38M11 40h18M38 52l9-24 9 24M41 44h12"/>',
    "low_reach": '<circle cx="26" cy="10" r="5"/><path d="M26 18v16h16l6 16M26 26h12"/>'
                 '<circle cx="26" cy="44" r="13"/>',
    "help": '<circle cx="32" cy="18" r="9"/><path d="M14 56c0-12 8-20 18-20s18 8 18 20"/>'
            '<path d="M50 10v12M50 28v1"/>',
    "back": '<path d="M40 12L20 32l20 20"/>',
    "home": '<path d="M8 30L32 10l24 20M14 26v30h36V26"/>',
    "search": '<circle cx="27" cy="27" r="16"/><path d="M39 39l15 15"/>',
    "erase": '<path d="M22 14h32v36H22L8 32z"/><path d="M30 24l14 16M44 24L30 40"/>',
    "printer": '<path d="M18 24V8h28v16M18 46H10V24h44v22h-8"/><rect x="18" y="38" width="28" '
               'height="18"/>',
    "retry": '<path d="M52 32a20 20 0 1 1-6-14M52 8v12H40"/>',
    "check": '<path d="M12 34l14 14 26-30"/>',
    "plus": '<path d="M32 12v40M12 32h40"/>',
    "clock": '<circle cx="32" cy="32" r="24"/><path d="M32 18v14l10 8"/>',
}


def names() -> frozenset[str]:
    return frozenset(_DRAWINGS)


def svg(name: str, colour: str) -> bytes:
    """The pictogram ``name`` (the question mark if unknown) drawn in ``colour``."""
    body = _DRAWINGS.get(name, _DRAWINGS["question"]).replace("currentColor", colour)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
            f'<g {_STROKE.replace("currentColor", colour)}>{body}</g></svg>').encode()
