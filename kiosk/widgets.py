"""The kiosk's building blocks: large buttons whose text wraps, tiles, labels, a keyboard.

Widgets are thin: they show what the :class:`~kiosk.view.View` says and call back. Every
control gets an accessible name, which is also what read-aloud says for it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from eenloket_i18n import translate
from kiosk import pictograms
from kiosk.layout import Metrics
from kiosk.model import Effect, KioskModel
from kiosk.qt import (
    QByteArray,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPainter,
    QPixmap,
    QPushButton,
    QSize,
    QSizePolicy,
    QSvgRenderer,
    Qt,
    QVBoxLayout,
    QWidget,
)
from kiosk.theme import Palette

Action = Callable[[], list[Effect]]


@dataclass
class View:
    """What a screen needs to draw itself and to report taps."""

    model: KioskModel
    metrics: Metrics
    palette: Palette
    act: Callable[[Action], None]
    """Run a model method (and carry out its effects); the window redraws afterwards."""
    page: int = 0
    set_page: Callable[[int], None] = lambda _page: None

    @property
    def language(self) -> str:
        return self.model.language

    def t(self, key: str, /, **params: object) -> str:
        return translate(f"kiosk.{key}", self.model.language, **params)


def pictogram(name: str, colour: str, size: int) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(pictograms.svg(name, colour)))
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter)
    painter.end()
    return pixmap


def label(text: str, role: str = "", *, wrap: bool = True,
          align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(wrap)
    widget.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        widget.setProperty("role", role)
    return widget


class Button(QPushButton):
    """A touch button: optional pictogram, text that wraps instead of being cut off."""

    def __init__(self, view: View, text: str, on_tap: Action | None, *, icon: str = "",
                 role: str = "secondary", vertical: bool = False, height: int = 0,
                 accessible: str = "", checkable: bool = False, checked: bool = False) -> None:
        super().__init__()
        m, p = view.metrics, view.palette
        self.setProperty("role", role)
        self.setAccessibleName(accessible or text)
        self.setCheckable(checkable)
        self.setChecked(checked)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumHeight(max(height or m.button_height, m.min_target))
        self.setMinimumWidth(m.min_target)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout: QVBoxLayout | QHBoxLayout = QVBoxLayout(self) if vertical else QHBoxLayout(self)
        layout.setContentsMargins(m.spacing, m.spacing // 2, m.spacing, m.spacing // 2)
        layout.setSpacing(m.spacing // 2)
        tone = "checked" if checked else "primary" if role == "primary" else "surface"
        if icon:
            colour = {"checked": p.on_checked, "primary": p.on_primary,
                      "surface": p.on_surface}[tone]
            size = round(m.text_px * (2.4 if vertical else 1.3))
            picture = QLabel()
            picture.setPixmap(pictogram(icon, colour, size))
            picture.setFixedSize(size, size)
            picture.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(picture, 0, Qt.AlignmentFlag.AlignCenter)
        if text:
            caption = label(text, align=Qt.AlignmentFlag.AlignCenter if vertical or not icon
                            else Qt.AlignmentFlag.AlignLeft)
            caption.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            caption.setProperty("tone", tone)
            caption.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            layout.addWidget(caption, 1)
        if on_tap is not None:
            self.clicked.connect(lambda: view.act(on_tap))
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    # A caption that wraps to more lines makes the button taller instead of being cut off.
    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        needed = layout.totalHeightForWidth(width) if layout is not None else 0
        return max(self.minimumHeight(), needed)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), max(hint.height(), self.minimumHeight()))


def row(*widgets: QWidget, spacing: int) -> QHBoxLayout:
    layout = QHBoxLayout()
    layout.setSpacing(spacing)
    for widget in widgets:
        layout.addWidget(widget)
    return layout


def grid(widgets: Sequence[QWidget], columns: int, spacing: int) -> QGridLayout:
    layout = QGridLayout()
    layout.setSpacing(spacing)
    for index, widget in enumerate(widgets):
        layout.addWidget(widget, index // columns, index % columns)
    for column in range(columns):
        layout.setColumnStretch(column, 1)
    return layout


CODE_KEYS = ("1234567890", "QWERTYUIOP", "ASDFGHJKL-", "ZXCVBNM")
SEARCH_KEYS = ("QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM")


def keyboard(view: View, rows: Sequence[str], type_char: Callable[[str], Action],
             erase: Action, *, space: Action | None = None, room: int) -> QVBoxLayout:
    """An on-screen keyboard in ``room`` pixels of height; keys never below the minimum.

    Keys stay in the same place in right-to-left languages: a code is typed left to right.
    """
    m = view.metrics
    count = len(rows) + (1 if space is not None else 0)
    key_height = max(m.min_target, min(m.button_height,
                                       (room - (count - 1) * m.spacing) // count))
    layout = QVBoxLayout()
    layout.setSpacing(m.spacing)
    for index, keys in enumerate(rows):
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.setSpacing(m.spacing // 2)
        for char in keys:
            line.addWidget(Button(view, char, type_char(char), height=key_height))
        if index == len(rows) - 1:
            line.addWidget(Button(view, "", erase, icon="erase", height=key_height,
                                  accessible=view.t("keyboard.erase")), 2)
        holder = QWidget()
        holder.setLayout(line)
        holder.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        layout.addWidget(holder)
    if space is not None:
        layout.addWidget(Button(view, view.t("keyboard.space"), space, height=key_height))
    return layout
