"""Screens: the base every screen shares, and the start, appointment and fault screens.

A screen has texts on top and its controls at the bottom, above the footer; in low-reach
mode the controls' room starts lower (see :mod:`kiosk.layout`). Each screen lists what it
says and which choices it offers, for read-aloud.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from eenloket_i18n import LANGUAGE_NAMES
from kiosk import texts
from kiosk.layout import paginate
from kiosk.model import Answer, HelpState
from kiosk.qt import QGridLayout, QLayout, Qt, QVBoxLayout, QWidget
from kiosk.widgets import CODE_KEYS, Action, Button, View, grid, keyboard, label, row

T = TypeVar("T")


class ScreenView(QWidget):
    """Texts on top, controls at the bottom; :meth:`build` fills both."""

    def __init__(self, view: View) -> None:
        super().__init__()
        self.view = view
        self.spoken: list[str] = []
        self.choices: list[str] = []
        m = view.metrics
        self.info = QVBoxLayout()
        self.info.setSpacing(m.spacing)
        self.controls = QVBoxLayout()
        self.controls.setSpacing(m.spacing)
        root = QVBoxLayout(self)
        root.setContentsMargins(m.margin, m.margin, m.margin, 0)
        root.setSpacing(m.spacing)
        root.addLayout(self.info)
        root.addStretch(1)
        root.addLayout(self.controls)
        if not view.model.modes.low_reach:
            # Standing visitors reach the middle best; seated ones only the lower part.
            root.addStretch(1)
        self.build()

    def build(self) -> None:
        raise NotImplementedError

    def t(self, key: str, /, **params: object) -> str:
        return self.view.t(key, **params)

    def speech(self) -> str:
        """Everything on the screen, then the choices, as read-aloud says it."""
        said = " ".join(self.spoken)
        if self.choices:
            said += f" {self.t('speech.choices')} {'; '.join(self.choices)}."
        return said

    # --- helpers that also record what read-aloud says ----------------------------------

    def title(self, text: str) -> None:
        self.info.addWidget(label(text, "title"))
        self.spoken.append(text)

    def text(self, text: str, role: str = "", into: QVBoxLayout | None = None) -> None:
        (into or self.info).addWidget(label(text, role))
        self.spoken.append(text)

    def button(self, text: str, on_tap: Action | None, *, icon: str = "",
               role: str = "secondary", vertical: bool = False, height: int = 0,
               accessible: str = "", checked: bool = False, checkable: bool = False) -> Button:
        widget = Button(self.view, text, on_tap, icon=icon, role=role, vertical=vertical,
                        height=height, accessible=accessible, checked=checked,
                        checkable=checkable)
        self.choices.append(accessible or text)
        return widget

    def add(self, item: QWidget | QLayout) -> None:
        if isinstance(item, QLayout):
            self.controls.addLayout(item)
        else:
            self.controls.addWidget(item)

    def paged(self, items: Sequence[T], per_page: int, make: Callable[[T], QWidget],
              columns: int = 1) -> None:
        """``items`` as a grid, with "previous" and "more" when they need pages."""
        page = paginate(items, per_page, self.view.page)
        m = self.view.metrics
        self.add(grid([make(item) for item in page.items], columns, m.spacing))
        if page.count > 1:
            number = page.number
            previous = self.button(self.t("page.previous"),
                                   None, icon="back")
            previous.setEnabled(page.has_previous)
            previous.clicked.connect(lambda: self.view.set_page(number - 1))
            more = self.button(self.t("page.next"), None, icon="plus")
            more.setEnabled(page.has_next)
            more.clicked.connect(lambda: self.view.set_page(number + 1))
            where = label(self.t("page.of", page=number + 1, pages=page.count),
                          align=Qt.AlignmentFlag.AlignCenter)
            self.spoken.append(where.text())
            self.add(row(previous, where, more, spacing=m.spacing))

    def languages(self) -> None:
        """The language choice: each language named in itself."""
        view, m = self.view, self.view.metrics
        model = view.model
        columns = 3 if m.tile_columns == 2 else 6
        buttons = []
        for code in model.config.languages:
            name = LANGUAGE_NAMES[code]
            buttons.append(self.button(
                name, lambda c=code: model.choose_language(c),  # type: ignore[misc]
                checkable=True, checked=code == model.language,
            ))
        layout = grid(buttons, columns, m.spacing // 2)
        self.add(layout)
        for button, code in zip(buttons, model.config.languages, strict=True):
            button.setLayoutDirection(Qt.LayoutDirection.RightToLeft if code == "ar"
                                      else Qt.LayoutDirection.LeftToRight)


class StartScreen(ScreenView):
    def build(self) -> None:
        model = self.view.model
        catalogue = model.catalogue
        self.title(self.t("start.welcome") + (f" — {catalogue.location_name}"
                                              if catalogue else ""))
        self.text(self.t("start.question"), "title")
        self.text(self.t("start.scan_anytime"), "hint")
        self.text(self.t("start.choose_language"))
        self.languages()
        m = self.view.metrics
        self.add(self.button(f"{self.t('start.appointment')}\n{self.t('start.appointment_hint')}",
                             model.start_appointment, icon="calendar",
                             height=round(m.button_height * 1.4)))
        self.add(self.button(f"{self.t('start.walk_in')}\n{self.t('start.walk_in_hint')}",
                             model.start_walk_in, icon="ticket", role="primary",
                             height=round(m.button_height * 1.4)))


class ClosedScreen(ScreenView):
    def build(self) -> None:
        model = self.view.model
        self.title(self.t("closed.title"))
        self.text(self.t("closed.hours"), "title")
        table = QGridLayout()
        table.setHorizontalSpacing(self.view.metrics.margin)
        for index, (day, hours) in enumerate(texts.hours_lines(model.config.opening_hours,
                                                               model.language)):
            table.addWidget(label(day, wrap=False), index, 0)
            table.addWidget(label(hours, wrap=False), index, 1)
            self.spoken.append(f"{day}: {hours}.")
        table.setColumnStretch(1, 1)
        self.info.addLayout(table)
        self.text(self.t("closed.online", site=model.config.booking_hint), "hint")
        self.languages()
        self.add(self.button(self.t("start.appointment"), model.start_appointment,
                             icon="calendar"))


class AppointmentScreen(ScreenView):
    def build(self) -> None:
        model, m = self.view.model, self.view.metrics
        self.title(self.t("appointment.title"))
        self.text(self.t("appointment.scan"), "notice")
        self.text(self.t("appointment.or_type"))
        code = label(model.code or "…", "code", wrap=False,
                     align=Qt.AlignmentFlag.AlignCenter)
        code.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        code.setAccessibleName(self.t("appointment.code", code=model.code or "-"))
        self.info.addWidget(code)
        # Four rows of keys and the check-in button share the room equally when it is short.
        row_height = max(m.min_target, min(m.button_height,
                                           (m.controls_height - 4 * m.spacing) // 5))
        self.add(keyboard(self.view, CODE_KEYS,
                          lambda char: lambda: model.type_character(char),
                          model.erase_character, room=4 * row_height + 3 * m.spacing))
        self.add(self.button(self.t("appointment.submit"), model.submit_code, icon="check",
                             role="primary", height=row_height))


class AnswerScreen(ScreenView):
    def build(self) -> None:
        model = self.view.model
        info = model.answer
        if info is None:
            return
        message = texts.answer_message(info, model.language, model.config.timezone,
                                       model.config.booking_hint)
        self.title(message.title)
        self.text(message.body, "notice")
        kind = info.kind
        if kind is Answer.LATE:
            self.add(self.button(self.t("answer.late.take"), model.late_walk_in,
                                 icon="ticket", role="primary"))
        elif kind is Answer.LATE_REBOOK:
            self.add(self.button(self.t("answer.general"), model.choose_general,
                                 icon="help", role="primary"))
        elif kind is Answer.UNKNOWN:
            self.add(self.button(self.t("answer.try_again"), model.try_code_again,
                                 icon="retry", role="primary"))
            self.add(self.button(self.t("start.walk_in"), model.start_walk_in, icon="ticket"))
        elif kind is Answer.CANCELLED:
            self.add(self.button(self.t("start.walk_in"), model.start_walk_in, icon="ticket",
                                 role="primary"))
        else:
            self.add(self.button(self.t("ticket.done"), model.home, icon="check",
                                 role="primary"))


class WorkingScreen(ScreenView):
    def build(self) -> None:
        self.title(self.t("working.title"))


class UnreachableScreen(ScreenView):
    def build(self) -> None:
        self.title(self.t("unreachable.title"))
        self.text(self.t("unreachable.body"), "notice")
        self.text(self.t("unreachable.staff"), "hint")
        self.add(self.button(self.t("unreachable.retry"), self.view.model.retry, icon="retry",
                             role="primary"))


class HelpScreen(ScreenView):
    def build(self) -> None:
        state = self.view.model.help_state
        self.title(self.t("help.title"))
        key = {HelpState.SENT: "help.sent", HelpState.FAILED: "help.failed"}.get(
            state or HelpState.SENDING, "help.sending")
        self.text(self.t(key), "notice")


class ErrorScreen(ScreenView):
    def build(self) -> None:
        self.title(self.t("error.title"))
        self.text(self.t("error.body"), "notice")
        self.add(self.button(self.t("footer.home"), self.view.model.home, icon="home",
                             role="primary"))
