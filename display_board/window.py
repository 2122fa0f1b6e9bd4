"""The board's main window: header (place, connection, clock), calls, queues, information.

``BoardWindow(BoardConfig(server=..., token=..., location=...))`` is all it takes to open a
board from Python (the demo does this); it connects at once and disconnects when closed
(or when the application quits). Keep a reference to it while it is open.
"""

from __future__ import annotations

from datetime import datetime

from display_board.announcer import make_announcer
from display_board.config import BoardConfig
from display_board.controller import BoardController
from display_board.layout import EARLIER_LABEL_EM, MAX_CALL_ROWS, BoardLayout, board_layout
from display_board.qt import (
    QApplication,
    QBoxLayout,
    QCloseEvent,
    QColor,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPalette,
    QResizeEvent,
    QSizePolicy,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from display_board.view import BoardView, board_view
from display_board.widgets import (
    BACKGROUND,
    MARKER,
    TEXT,
    BilingualLabel,
    CallRowWidget,
    FitLabel,
    QueueRowWidget,
    board_font,
)
from eenloket_i18n import translate

MAX_QUEUE_ROWS = 8
TYPICAL_CATEGORIES = 6
TICK_MS = 1000
"""Clock, end of the highlight, and turns of the information lines."""


class CallsPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ticket_label = BilingualLabel(parent=self)
        self.desk_label = BilingualLabel(align_right=True, parent=self)
        labels = QHBoxLayout()
        labels.addWidget(self.ticket_label, 1)
        labels.addWidget(self.desk_label, 1)
        self.hero = CallRowWidget(self)
        self.rows = [CallRowWidget(self) for _ in range(MAX_CALL_ROWS)]
        self.empty = BilingualLabel(stacked=True, parent=self)
        self.earlier_label = BilingualLabel(stacked=True, parent=self)
        self.earlier = QLabel(self)
        self.earlier.setStyleSheet(f"color: {TEXT}; background: transparent;")
        # The layout decides how many earlier calls fit; the text never widens the panel.
        self.earlier.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        earlier = QHBoxLayout()
        earlier.addWidget(self.earlier_label)
        earlier.addWidget(self.earlier, 1)
        self._earlier_box = earlier
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(labels)
        box.addWidget(self.hero)
        box.addWidget(self.empty)
        for row in self.rows:
            box.addWidget(row)
        box.addStretch(1)
        box.addLayout(earlier)
        self._box = box

    def apply_layout(self, layout: BoardLayout) -> None:
        self._box.setSpacing(layout.spacing)
        self.ticket_label.set_sizes(layout.label_px, layout.label_px)
        self.desk_label.set_sizes(layout.label_px, layout.label_px)
        margin = layout.margin
        self.hero.set_font_px(layout.hero_px, margin)
        for row in self.rows:
            row.set_font_px(layout.row_px, margin)
        self.empty.set_sizes(layout.row_px // 2, layout.row_px // 3)
        self.earlier_label.set_sizes(layout.small_px, layout.small_px)
        self.earlier_label.setFixedWidth(round(EARLIER_LABEL_EM * layout.small_px))
        self._earlier_box.setSpacing(layout.spacing)
        self.earlier.setFont(board_font(layout.recent_px, bold=True))

    def show_view(self, view: BoardView) -> None:
        self.ticket_label.set_text(view.ticket_label)
        self.desk_label.set_text(view.desk_label)
        self.hero.setVisible(view.hero is not None)
        if view.hero is not None:
            self.hero.show_call(view.hero)
        self.empty.setVisible(view.empty is not None)
        if view.empty is not None:
            self.empty.set_text(view.empty)
        for index, row in enumerate(self.rows):
            row.setVisible(index < len(view.rows))
            if index < len(view.rows):
                row.show_call(view.rows[index])
        self.earlier_label.setVisible(bool(view.earlier))
        self.earlier_label.set_text(view.earlier_label)
        self.earlier.setText("   ".join(view.earlier))


class QueuesPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = BilingualLabel(parent=self)
        self.waiting_label = BilingualLabel(stacked=True, align_right=True, parent=self)
        self.wait_label = BilingualLabel(stacked=True, align_right=True, parent=self)
        header = QHBoxLayout()
        header.addWidget(self.heading, 1)
        header.addWidget(self.waiting_label)
        header.addWidget(self.wait_label)
        self.rows = [QueueRowWidget(self) for _ in range(MAX_QUEUE_ROWS)]
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(header)
        for row in self.rows:
            box.addWidget(row)
        box.addStretch(1)
        self._box = box

    def apply_layout(self, layout: BoardLayout) -> None:
        self._box.setSpacing(layout.spacing)
        count_width = round(layout.count_px * 2.0)
        wait_width = round(layout.category_px * 4.2)
        self.heading.set_sizes(layout.label_px, layout.label_px, bold=True)
        for label, width in ((self.waiting_label, count_width), (self.wait_label, wait_width)):
            label.set_sizes(round(layout.label_px * 0.7), round(layout.label_px * 0.7))
            label.setFixedWidth(width)
        for row in self.rows:
            row.set_sizes(layout.letter_px, layout.category_px, layout.category_en_px,
                          layout.count_px, count_width, wait_width)

    def show_view(self, view: BoardView) -> None:
        self.heading.set_text(view.queues_heading)
        self.waiting_label.set_text(view.waiting_label)
        self.wait_label.set_text(view.wait_label)
        for index, row in enumerate(self.rows):
            row.setVisible(index < len(view.queues))
            if index < len(view.queues):
                row.show_queue(view.queues[index])


class BoardWindow(QWidget):
    """One hall board. Pass a controller to test with another clock or announcer."""

    def __init__(self, config: BoardConfig, controller: BoardController | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.config = config
        self.controller = controller or BoardController(config, make_announcer(config))
        self.controller.setParent(self)
        self.setWindowTitle(translate("board.window_title", "nl", location=config.location))
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(BACKGROUND))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self.setCursor(Qt.CursorShape.BlankCursor)

        self.title = FitLabel(TEXT, parent=self)
        self.marker = BilingualLabel(parent=self)
        for label in (self.marker.nl, self.marker.en):
            label.setStyleSheet(f"color: {MARKER}; background: transparent;")
        self.clock = QLabel(self)
        self.clock.setStyleSheet(f"color: {TEXT}; background: transparent;")
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.marker)
        header.addWidget(self.clock)
        self.calls = CallsPanel(self)
        self.queues = QueuesPanel(self)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.addWidget(self.calls, 3)
        self.body.addWidget(self.queues, 2)
        self.info = BilingualLabel(stacked=True, parent=self)
        self._root = QVBoxLayout(self)
        # The window's size is the screen's; the layout must not push a minimum size onto
        # it (the board's own layout arithmetic makes everything fit).
        self._root.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._root.addLayout(header)
        self._root.addLayout(self.body, 1)
        self._root.addWidget(self.info)

        self._layout: BoardLayout | None = None
        self._categories_laid_out = 0
        self._view: BoardView | None = None
        self._flashed: datetime | None = None
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self.refresh)
        self.controller.changed.connect(self.refresh)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.controller.stop)
        self._apply_layout()
        self.controller.start()
        self._tick.start()

    @property
    def view(self) -> BoardView:
        """What the board shows right now."""
        if self._view is None:
            self.refresh()
        assert self._view is not None
        return self._view

    def refresh(self) -> None:
        if self._layout is None:
            return
        model = self.controller.model
        if model.categories and len(model.categories) != self._categories_laid_out:
            self._apply_layout()
        now = self.controller.clock()
        view = board_view(model, self._layout, self.config.info, now)
        self._view = view
        self.title.set_full_text(view.title)
        self.clock.setText(view.clock)
        self.marker.setVisible(view.marker is not None)
        if view.marker is not None:
            self.marker.set_text(view.marker)
        self.calls.show_view(view)
        self.queues.show_view(view)
        self.info.set_text(view.info)
        started = model.highlight_started()
        if view.hero is not None and view.hero.highlighted and started != self._flashed:
            self._flashed = started
            self.calls.hero.flash()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_layout()
        self.refresh()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._tick.stop()
        self.controller.stop()
        super().closeEvent(event)

    def _apply_layout(self) -> None:
        # Room for the queues the location has (until the first snapshot: for a typical hall).
        categories = len(self.controller.model.categories) or TYPICAL_CATEGORIES
        layout = board_layout(self.width(), self.height(), self.config.orientation,
                              min(categories, MAX_QUEUE_ROWS))
        self._categories_laid_out = categories
        if layout == self._layout:
            return
        self._layout = layout
        margin = layout.margin
        self._root.setContentsMargins(margin, margin // 2, margin, margin // 2)
        self._root.setSpacing(layout.spacing)
        self.body.setSpacing(layout.body_spacing)
        self.body.setDirection(QBoxLayout.Direction.TopToBottom if layout.portrait
                               else QBoxLayout.Direction.LeftToRight)
        self.body.setStretch(0, 0 if layout.portrait else 3)
        self.body.setStretch(1, 0 if layout.portrait else 2)
        self.title.set_font_px(layout.title_px, bold=True)
        self.marker.set_sizes(layout.marker_px, layout.marker_px)
        self.clock.setFont(board_font(layout.clock_px, bold=True))
        self.calls.apply_layout(layout)
        self.queues.apply_layout(layout)
        self.info.set_sizes(layout.info_px, layout.info_px)
