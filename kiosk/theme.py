"""Colours and the Qt style sheet, without Qt: two schemes, both checked for contrast.

The normal scheme keeps every text at a contrast of at least 7:1 (WCAG AAA, more than the
4.5:1 EN 301 549 asks); the high-contrast scheme is yellow and white on black.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.layout import Metrics


@dataclass(frozen=True, slots=True)
class Palette:
    background: str
    text: str
    muted: str
    """Secondary text (hints); still at least 7:1 on the background."""
    primary: str
    on_primary: str
    surface: str
    """Tiles and secondary buttons."""
    on_surface: str
    border: str
    checked: str
    on_checked: str
    warning: str
    on_warning: str

    def pairs(self) -> dict[str, tuple[str, str]]:
        """Every foreground on the background it is drawn on, for contrast checks."""
        return {
            "text": (self.text, self.background),
            "muted": (self.muted, self.background),
            "primary": (self.on_primary, self.primary),
            "surface": (self.on_surface, self.surface),
            "checked": (self.on_checked, self.checked),
            "warning": (self.on_warning, self.warning),
        }


NORMAL = Palette(
    background="#F3F5F7", text="#111820", muted="#33404D", primary="#004B87",
    on_primary="#FFFFFF", surface="#FFFFFF", on_surface="#111820", border="#004B87",
    checked="#111820", on_checked="#FFFFFF", warning="#FFF1CC", on_warning="#111820",
)
HIGH_CONTRAST = Palette(
    background="#000000", text="#FFFFFF", muted="#FFFFFF", primary="#FFE600",
    on_primary="#000000", surface="#000000", on_surface="#FFFFFF", border="#FFFFFF",
    checked="#FFFFFF", on_checked="#000000", warning="#FFE600", on_warning="#000000",
)


def palette(high_contrast: bool) -> Palette:
    return HIGH_CONTRAST if high_contrast else NORMAL


def _luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        value = int(hex_pair, 16) / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i:i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two ``#RRGGBB`` colours (1 to 21)."""
    light, dark = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def style_sheet(p: Palette, m: Metrics) -> str:
    """The whole window's style: kinds of widgets are told apart by their ``role`` property,
    a button's caption by its ``tone`` (Qt applies a style for an ancestor's ``:checked``
    to descendants whatever the state, so the caption's colour is set per caption)."""
    radius = max(8, m.spacing // 2)
    border = 3 if p is HIGH_CONTRAST else 2
    return f"""
* {{ font-size: {m.text_px}px; color: {p.text}; }}
QWidget#kiosk {{ background: {p.background}; }}
QLabel[role="title"] {{ font-size: {m.title_px}px; font-weight: bold; }}
QLabel[role="hint"] {{ color: {p.muted}; }}
QLabel[role="number"] {{ font-size: {m.number_px}px; font-weight: bold; }}
QLabel[role="notice"] {{ background: {p.warning}; color: {p.on_warning};
    border: {border}px solid {p.border}; border-radius: {radius}px; padding: {m.spacing}px; }}
QLabel[role="code"] {{ font-size: {m.title_px}px; font-weight: bold; background: {p.surface};
    color: {p.on_surface}; border: {border}px solid {p.border}; border-radius: {radius}px;
    padding: {m.spacing // 2}px {m.spacing}px; }}
QPushButton {{ background: {p.surface}; color: {p.on_surface};
    border: {border}px solid {p.border}; border-radius: {radius}px; padding: 4px; }}
QPushButton[role="primary"] {{ background: {p.primary}; border-color: {p.primary}; }}
QPushButton:checked {{ background: {p.checked}; border-color: {p.checked}; }}
QLabel[tone="surface"] {{ color: {p.on_surface}; background: transparent; }}
QLabel[tone="primary"] {{ color: {p.on_primary}; background: transparent; font-weight: bold; }}
QLabel[tone="checked"] {{ color: {p.on_checked}; background: transparent; }}
QPushButton:pressed {{ border-width: {border + 3}px; }}
QPushButton:disabled {{ background: {p.background}; border-style: dashed; }}
QWidget#overlay {{ background: rgba(0, 0, 0, 160); }}
QFrame#panel {{ background: {p.background}; border: {border}px solid {p.border};
    border-radius: {radius}px; }}
"""
