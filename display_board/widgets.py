"""The board's building blocks: labels that fit, a call row that can flash, a queue row.

Widgets hold no logic: they show the strings of a :class:`~display_board.view.BoardView` in
the sizes of a :class:`~display_board.layout.BoardLayout`.
"""

from __future__ import annotations

import math

from display_board.layout import LINE
from display_board.qt import (
    QColor,
    QEasingCurve,
    QFont,
    QFontMetrics,
    QHBoxLayout,
    QLabel,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QSizePolicy,
    Qt,
    QVariantAnimation,
    QVBoxLayout,
    QWidget,
)
from display_board.view import Bilingual, CallRow, QueueRow

BACKGROUND = "#0d1b2a"
PANEL = "#1b2e44"
TEXT = "#ffffff"
SECONDARY = "#b9c9da"
"""Light blue-grey: 10:1 against the background, for the English line and labels."""
HIGHLIGHT = "#ffd13b"
ON_HIGHLIGHT = "#0d1b2a"
BADGE = "#c8102e"
"""Groningen red behind the white ticket letter (5.9:1)."""
MARKER = "#f2b36b"
FAMILIES = ["Noto Sans", "DejaVu Sans"]
FLASH_MS = 2400
FLASHES = 3


def board_font(px: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(FAMILIES)
    font.setPixelSize(px)
    font.setBold(bold)
    return font


class FitLabel(QLabel):
    """A one-line label that shrinks its font (to ``minimum`` of the size) to fit, then elides.

    Category names come from the hall's configuration and can be long ("Afval / Overige
    vragen"); shrinking a little keeps them whole where an ellipsis would hide the end.
    """

    def __init__(self, color: str = TEXT, fit: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self._px = 16
        self._bold = False
        self._fits = fit
        self.minimum = 0.7
        self.setStyleSheet(f"color: {color}; background: transparent;")
        if fit:
            self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_font_px(self, px: int, bold: bool = False) -> None:
        self._px, self._bold = px, bold
        self.setMinimumHeight(round(px * LINE))
        self._fit()

    def set_full_text(self, text: str) -> None:
        if text != self._full:
            self._full = text
            self._fit()

    def full_text(self) -> str:
        return self._full

    @property
    def fits(self) -> bool:
        """Whether this label shrinks its text to its width (or sizes itself to its text)."""
        return self._fits

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        px = self._px
        font = board_font(px, self._bold)
        if not self._fits:
            # Sized by its own text (short labels side by side): nothing to fit into.
            self.setFont(font)
            self.setText(self._full)
            return
        width = self.contentsRect().width()
        while px > self._px * self.minimum and QFontMetrics(font).horizontalAdvance(
                self._full) > width:
            px -= 1
            font = board_font(px, self._bold)
        self.setFont(font)
        self.setText(QFontMetrics(font).elidedText(self._full, Qt.TextElideMode.ElideRight,
                                                   max(width, 1)))


class BilingualLabel(QWidget):
    """Dutch in white, English after it (or under it, ``stacked``) in a quieter colour."""

    def __init__(self, stacked: bool = False, align_right: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Side by side, each label takes what its text needs and the pair keeps together;
        # stacked, each line fits itself into the width it gets.
        self.nl = FitLabel(TEXT, fit=stacked, parent=self)
        self.en = FitLabel(SECONDARY, fit=stacked, parent=self)
        box = QVBoxLayout(self) if stacked else QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        if not stacked:
            box.setSpacing(16)
            if align_right:
                box.addStretch(1)
        box.addWidget(self.nl)
        box.addWidget(self.en)
        if not stacked and not align_right:
            box.addStretch(1)
        if align_right:
            for label in (self.nl, self.en):
                label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def set_sizes(self, nl_px: int, en_px: int, bold: bool = False) -> None:
        self.nl.set_font_px(nl_px, bold)
        self.en.set_font_px(en_px)

    def set_text(self, text: Bilingual) -> None:
        self.nl.set_full_text(text.nl)
        self.en.set_full_text(text.en)


class CallRowWidget(QWidget):
    """Ticket, arrow, desk; highlighted in yellow, flashing a few times when it is new."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ticket = QLabel(self)
        self.arrow = QLabel("→", self)
        self.desk = QLabel(self)
        self.recall = BilingualLabel(stacked=True, parent=self)
        self.desk.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.arrow.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.recall.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._box = QHBoxLayout(self)
        self._box.addWidget(self.ticket, 5)
        self._box.addWidget(self.recall, 3, Qt.AlignmentFlag.AlignVCenter)
        self._box.addWidget(self.arrow, 2)
        self._box.addWidget(self.desk, 3)
        self._highlighted = False
        self._pulse = 0.0
        self._flash = QVariantAnimation(self)
        self._flash.setDuration(FLASH_MS)
        self._flash.setStartValue(0.0)
        self._flash.setEndValue(1.0)
        self._flash.setEasingCurve(QEasingCurve.Type.Linear)
        self._flash.valueChanged.connect(self._on_pulse)
        self._flash.finished.connect(lambda: self._on_pulse(1.0))
        self._paint_colors()

    def set_font_px(self, px: int, margin: int) -> None:
        for label in (self.ticket, self.desk):
            label.setFont(board_font(px, bold=True))
        self.arrow.setFont(board_font(round(px * 0.7)))
        self.recall.set_sizes(round(px * 0.22), round(px * 0.18), bold=True)
        self._box.setContentsMargins(margin, 0, margin, 0)
        self.setFixedHeight(round(px * LINE))

    def show_call(self, row: CallRow) -> None:
        self.ticket.setText(row.ticket)
        self.desk.setText(row.desk)
        self.recall.setVisible(row.recall is not None)
        if row.recall is not None:
            self.recall.set_text(row.recall)
        if row.highlighted != self._highlighted:
            self._highlighted = row.highlighted
            self._paint_colors()

    def flash(self) -> None:
        """Pulse the highlight (a new call)."""
        self._flash.stop()
        self._flash.start()

    @property
    def flashing(self) -> bool:
        return self._flash.state() == QVariantAnimation.State.Running

    def _on_pulse(self, value: object) -> None:
        self._pulse = float(value) if isinstance(value, float) else 1.0
        self.update()

    def _paint_colors(self) -> None:
        color = ON_HIGHLIGHT if self._highlighted else TEXT
        for label in (self.ticket, self.arrow, self.desk, self.recall.nl, self.recall.en):
            label.setStyleSheet(f"color: {color}; background: transparent;")
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        color = QColor(HIGHLIGHT if self._highlighted else PANEL)
        if self._highlighted and self._pulse < 1.0:
            # A few bright-dim pulses: noticeable from the corner of an eye, then calm.
            dim = 0.5 - 0.5 * math.cos(self._pulse * FLASHES * 2 * math.pi)
            color = color.lighter(100 + round(25 * (1 - dim))).darker(100 + round(20 * dim))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        radius = self.height() * 0.08
        painter.drawRoundedRect(self.rect(), radius, radius)
        painter.end()


class QueueRowWidget(QWidget):
    """Letter badge, department names, number waiting, expected wait."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.letter = QLabel(self)
        self.letter.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.letter.setStyleSheet(f"color: {TEXT}; background: {BADGE}; border-radius: 8px;")
        self.names = BilingualLabel(stacked=True, parent=self)
        self.waiting = QLabel(self)
        self.wait = QLabel(self)
        for label in (self.waiting, self.wait):
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            label.setStyleSheet(f"color: {TEXT}; background: transparent;")
        self._box = QHBoxLayout(self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.addWidget(self.letter)
        self._box.addWidget(self.names, 1)
        self._box.addWidget(self.waiting)
        self._box.addWidget(self.wait)

    def set_sizes(self, letter_px: int, name_px: int, name_en_px: int, count_px: int,
                  count_width: int, wait_width: int) -> None:
        self.letter.setFont(board_font(letter_px, bold=True))
        self.letter.setFixedSize(round(letter_px * 1.4), round(letter_px * 1.4))
        self._box.setSpacing(round(letter_px * 0.3))
        self.names.set_sizes(name_px, name_en_px, bold=True)
        self.waiting.setFont(board_font(count_px, bold=True))
        self.waiting.setFixedWidth(count_width)
        self.wait.setFont(board_font(name_px))
        self.wait.setFixedWidth(wait_width)

    def show_queue(self, row: QueueRow) -> None:
        self.letter.setText(row.letter)
        self.names.set_text(row.name)
        self.waiting.setText(row.waiting)
        self.wait.setText(row.wait)
