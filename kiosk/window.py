"""The kiosk's one window: the current screen, the footer, the idle warning, the scanner.

Constructible from Python with configuration values (``eenloket demo`` shows one)::

    window = KioskWindow(KioskConfig(server_url=url, token=token, fullscreen=False))
    window.show()

The window redraws the current screen whenever the model changes; the model holds all
state, so a redraw is cheap and a language or mode change is just another redraw.
"""

from __future__ import annotations

from dataclasses import replace

from eenloket_i18n import is_rtl
from eenloket_wire.client import Client
from kiosk.collector import MainThreadCollector
from kiosk.config import KioskConfig
from kiosk.controller import KioskController, TicketPrinterLike
from kiosk.layout import Metrics, metrics
from kiosk.model import MODE_NAMES, PrintState, Screen
from kiosk.qt import (
    QCloseEvent,
    QEvent,
    QFrame,
    QHBoxLayout,
    QKeyEvent,
    Qt,
    QVBoxLayout,
    QWidget,
)
from kiosk.scanner import WedgeBuffer
from kiosk.screens import (
    AnswerScreen,
    AppointmentScreen,
    ClosedScreen,
    ErrorScreen,
    HelpScreen,
    ScreenView,
    StartScreen,
    UnreachableScreen,
    WorkingScreen,
)
from kiosk.screens_ticket import TicketScreen, ticket_speech
from kiosk.screens_walk_in import (
    BasketScreen,
    DepartmentsScreen,
    NeedsAppointmentScreen,
    SearchScreen,
    ServicesScreen,
)
from kiosk.speech import Speaker
from kiosk.theme import palette, style_sheet
from kiosk.widgets import Button, View, grid, label

SCREENS: dict[Screen, type[ScreenView]] = {
    Screen.START: StartScreen,
    Screen.CLOSED: ClosedScreen,
    Screen.APPOINTMENT: AppointmentScreen,
    Screen.ANSWER: AnswerScreen,
    Screen.DEPARTMENTS: DepartmentsScreen,
    Screen.SERVICES: ServicesScreen,
    Screen.SEARCH: SearchScreen,
    Screen.NEEDS_APPOINTMENT: NeedsAppointmentScreen,
    Screen.BASKET: BasketScreen,
    Screen.WORKING: WorkingScreen,
    Screen.TICKET: TicketScreen,
    Screen.UNREACHABLE: UnreachableScreen,
    Screen.HELP: HelpScreen,
    Screen.ERROR: ErrorScreen,
}
MODE_ICONS = {"read_aloud": "speaker", "high_contrast": "contrast", "large_text": "text_size",
              "low_reach": "low_reach"}
_NO_WAY_BACK = (Screen.START, Screen.CLOSED, Screen.WORKING, Screen.TICKET)


class KioskWindow(QWidget):
    def __init__(self, config: KioskConfig, *, client: Client | None = None,
                 printer: TicketPrinterLike | None = None, speaker: Speaker | None = None,
                 start: bool = True) -> None:
        super().__init__()
        self.config = config
        self.setObjectName("kiosk")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setWindowTitle("Eén Loket")
        self.setFixedSize(*config.orientation.size)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.controller = KioskController(config, client=client, printer=printer, parent=self)
        self.speaker = speaker or Speaker(config.speech_engine, self)
        self.model = self.controller.model
        self.scanner = WedgeBuffer()
        self.screen_view: ScreenView | None = None
        self.footer: QWidget | None = None
        self.overlay: QWidget | None = None
        self._content: QWidget | None = None
        self._page = 0
        self._page_of: Screen | None = None
        self._spoken_key: tuple[object, ...] = ()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.collector = MainThreadCollector(self)
        self.collector.start()
        self.controller.changed.connect(self.redraw)
        self.redraw()
        if start:
            self.controller.start()

    @property
    def metrics(self) -> Metrics:
        return metrics(self.config.orientation, self.model.modes, self.config.dpi)

    # --- drawing ------------------------------------------------------------------------

    def redraw(self) -> None:
        model = self.model
        if self._page_of is not model.screen:
            self._page_of, self._page = model.screen, 0
        m = self.metrics
        colours = palette(model.modes.high_contrast)
        sheet = style_sheet(colours, m)
        if sheet != self.styleSheet():
            self.setStyleSheet(sheet)
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if is_rtl(model.language)
                                else Qt.LayoutDirection.LeftToRight)
        view = View(model, m, colours, self.controller.act, self._page, self._set_page)
        # A child of the window from the start, so the window's style (font sizes) applies
        # when the footer is measured.
        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.footer = self._footer(view)
        self.footer.setParent(content)
        self.footer.ensurePolished()
        footer_layout = self.footer.layout()
        if footer_layout is not None:
            # The screen's controls get the room the footer really leaves.
            view.metrics = replace(m, measured_footer=footer_layout.totalHeightForWidth(m.width))
        self.screen_view = SCREENS[model.screen](view)
        layout.addWidget(self.screen_view, 1)
        layout.addWidget(self.footer)
        if self._content is not None:
            self._layout.removeWidget(self._content)
            self._content.hide()
            self._content.deleteLater()
        self._content = content
        self._layout.addWidget(content)
        content.show()
        if self.overlay is not None:
            self.overlay.hide()
            self.overlay.deleteLater()
            self.overlay = None
        if model.idle_warning:
            self.overlay = self._idle_overlay(view)
        self._speak()

    def _set_page(self, page: int) -> None:
        self._page = page
        self.controller.activity()
        self.redraw()

    def _footer(self, view: View) -> QWidget:
        model, m = self.model, view.metrics
        footer = QWidget()
        footer.setMinimumHeight(m.footer_height)
        rows = QVBoxLayout(footer)
        rows.setContentsMargins(m.margin, m.spacing, m.margin, m.spacing)
        rows.setSpacing(m.spacing)
        first = QHBoxLayout()
        first.setSpacing(m.spacing)
        if model.screen not in _NO_WAY_BACK:
            first.addWidget(Button(view, view.t("footer.back"), model.back, icon="back",
                                   height=m.button_height))
            first.addWidget(Button(view, view.t("footer.home"), model.home, icon="home",
                                   height=m.button_height))
        first.addWidget(Button(view, view.t("footer.help"), model.ask_help, icon="help",
                               height=m.button_height))
        toggles = []
        for name in MODE_NAMES:
            text = view.t(f"mode.{name}")
            on = bool(getattr(model.modes, name))
            # Landscape has room for one row only: the toggles show their pictogram alone
            # (their name is still their accessible name, and read aloud).
            toggles.append(Button(
                view, text if m.footer_rows > 1 else "",
                lambda n=name: model.toggle_mode(n),  # type: ignore[misc]
                icon=MODE_ICONS[name], height=m.button_height, checkable=True, checked=on,
                accessible=view.t("mode.on" if on else "mode.off", mode=text),
            ))
        rows.addLayout(first)
        if m.footer_rows == 1:
            for index in range(first.count()):
                first.setStretch(index, 3)
            for toggle in toggles:
                first.addWidget(toggle, 1)
        else:
            # Two a row: room for long words such as "контрастність" beside the pictogram.
            rows.addLayout(grid(toggles, 2, m.spacing))
        return footer

    def _idle_overlay(self, view: View) -> QWidget:
        m = view.metrics
        overlay = QWidget(self)
        overlay.setObjectName("overlay")
        overlay.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        overlay.setGeometry(self.rect())
        outer = QVBoxLayout(overlay)
        outer.setContentsMargins(m.margin, m.margin, m.margin, m.footer_height)
        outer.addStretch(1)
        panel = QFrame()
        panel.setObjectName("panel")
        inner = QVBoxLayout(panel)
        inner.setContentsMargins(m.margin, m.margin, m.margin, m.margin)
        inner.setSpacing(m.spacing)
        inner.addWidget(label(view.t("idle.title"), "title"))
        inner.addWidget(label(view.t("idle.body")))
        inner.addWidget(Button(view, view.t("idle.more"), self.model.more_time, icon="clock",
                               role="primary"))
        outer.addWidget(panel)
        overlay.show()
        overlay.raise_()
        return overlay

    # --- read-aloud ---------------------------------------------------------------------

    def spoken_text(self) -> str:
        """What read-aloud says for the screen as it is now."""
        model = self.model
        if model.idle_warning:
            return self._idle_speech()
        if self.screen_view is None:
            return ""
        if model.screen is Screen.TICKET:
            return ticket_speech(self.screen_view)
        return self.screen_view.speech()

    def _idle_speech(self) -> str:
        view = self.screen_view
        if view is None:
            return ""
        return " ".join((view.t("idle.title"), view.t("idle.body"), view.t("idle.more")))

    def _speak(self) -> None:
        model = self.model
        key = (model.screen, model.language, model.modes.read_aloud, model.print_state,
               model.help_state, model.answer, model.idle_warning, self._page,
               model.ticket_key)
        if key == self._spoken_key:
            return
        self._spoken_key = key
        # A ticket that did not print is always read aloud: the visitor may not see it.
        failed = model.screen is Screen.TICKET and model.print_state is PrintState.FAILED
        if model.modes.read_aloud or failed:
            self.speaker.say(self.spoken_text(), model.language)
        elif model.screen is Screen.START:
            self.speaker.stop()

    # --- scanner ------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """A keyboard-wedge scanner: characters, then Enter, on any screen."""
        stamp = int(event.timestamp())
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            code = self.scanner.enter(stamp)
            if code:
                self.controller.act(lambda: self.model.scanned(code))
            return
        if event.text():
            self.scanner.key(event.text(), stamp)
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            self.controller.activity()
        return super().event(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.controller.shutdown()
        self.speaker.stop()
        self.collector.stop()
        super().closeEvent(event)
