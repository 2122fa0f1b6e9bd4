"""Every screen, in every language, mode and orientation: touch targets of real size, every
control within reach in low-reach mode, no clipped text, and a screenshot to look at.

Screenshots go to ``tests/screenshots/kiosk/<orientation>/<modes>/<language>/<stage>.png``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from eenloket_i18n import LANGUAGES
from kiosk.config import KioskConfig, Orientation
from kiosk.model import Modes, PrintState
from kiosk.qt import QAbstractButton, QApplication, QLabel, QPoint, QWidget
from kiosk.window import KioskWindow
from tests.kiosk.samples import sample_catalogue
from tests.kiosk.staging import STAGES

SHOTS = Path(__file__).resolve().parents[1] / "screenshots" / "kiosk"
MODE_SETS = {
    "plain": Modes(),
    "large": Modes(large_text=True),
    "low": Modes(low_reach=True),
    "large-low": Modes(large_text=True, low_reach=True),
    "contrast": Modes(high_contrast=True, read_aloud=True),
}
DPI = 69.0
"""A 32-inch portrait kiosk screen: 44 px is the binding minimum there."""

pytestmark = pytest.mark.qt


@pytest.fixture
def window(qtbot: QtBot, request: pytest.FixtureRequest) -> Iterator[KioskWindow]:
    orientation = request.param
    # Nothing listens on port 9: this window never reaches a server (start=False anyway).
    config = KioskConfig(server_url="http://127.0.0.1:9", printer_url="tcp://127.0.0.1:9",
                         speech_engine="mock", fullscreen=False, orientation=orientation,
                         dpi=DPI)
    kiosk = KioskWindow(config, start=False)
    qtbot.addWidget(kiosk)
    kiosk.show()
    yield kiosk


def stage(window: KioskWindow, name: str, language: str, modes: Modes) -> None:
    model = window.model
    model.home()
    model.catalogue = sample_catalogue()
    model.language, model.language_chosen, model.modes = language, True, modes
    model.print_state = PrintState.NONE
    STAGES[name](model)
    window.redraw()
    QApplication.processEvents()


def visible(window: KioskWindow, kind: type[QWidget]) -> list[QWidget]:
    return [w for w in window.findChildren(kind) if w.isVisibleTo(window)]


def problems(window: KioskWindow) -> list[str]:
    """Targets below the minimum, controls out of reach, and clipped texts."""
    m = window.metrics
    found = []
    for button in visible(window, QAbstractButton):
        name = button.accessibleName()
        if min(button.width(), button.height()) < m.min_target:
            found.append(f"small target {name!r}: {button.width()}x{button.height()}")
        top = button.mapTo(window, QPoint(0, 0)).y()
        if window.model.modes.low_reach and top < m.controls_top:
            found.append(f"out of reach {name!r}: top {top} < {m.controls_top}")
        if top + button.height() > m.height or button.mapTo(window, QPoint(0, 0)).x() < 0:
            found.append(f"off screen {name!r}")
    for text in visible(window, QLabel):
        assert isinstance(text, QLabel)
        if not text.text():
            continue
        if text.wordWrap():
            needed = text.heightForWidth(text.width())
            if needed > text.height() + 1:
                found.append(f"clipped {text.text()[:40]!r}: needs {needed} > {text.height()}")
            # A word longer than the line cannot wrap: it is cut at the side.
            metrics = text.fontMetrics()
            widest = max(metrics.horizontalAdvance(word) for word in text.text().split())
            room = text.contentsRect().width()
            if widest > room:
                found.append(f"cut word in {text.text()[:40]!r}: {widest} > {room}")
        elif text.sizeHint().width() > text.width() + 1:
            found.append(f"clipped {text.text()[:40]!r}: {text.sizeHint().width()} wide "
                         f"> {text.width()}")
    return found


CASES = [
    (orientation, modes, languages)
    for orientation in Orientation
    for modes, languages in (
        ("plain", LANGUAGES), ("large-low", LANGUAGES),
        ("large", ("nl", "ar")), ("low", ("nl", "ar")), ("contrast", ("nl", "ar")),
    )
]


@pytest.mark.slow
@pytest.mark.parametrize(("window", "modes", "languages"), CASES, indirect=["window"],
                         ids=[f"{o.value}-{m}" for o, m, _ in CASES])
def test_every_screen_in_every_language(window: KioskWindow, modes: str,
                                        languages: tuple[str, ...]) -> None:
    found = []
    for language in languages:
        for name in STAGES:
            stage(window, name, language, MODE_SETS[modes])
            assert window.screen_view is not None
            found += [f"{language}/{name}: {p}" for p in problems(window)]
            folder = SHOTS / window.config.orientation.value / modes / language
            folder.mkdir(parents=True, exist_ok=True)
            # Light compression: hundreds of screenshots, written fast.
            assert window.grab().save(str(folder / f"{name}.png"), "PNG", 90)
    assert not found, "\n".join(found)
