"""The ticket: the number very large, what happens next, the wait, and the phone page's QR.

The same screen is the fallback when the printer fails: then it says so, stays longer, and
the ticket is read aloud.
"""

from __future__ import annotations

import io
from functools import lru_cache

from kiosk import catalogue as cat
from kiosk import texts
from kiosk.model import PrintState
from kiosk.qt import QHBoxLayout, QLabel, QPixmap, Qt, QVBoxLayout
from kiosk.screens import ScreenView
from kiosk.widgets import label

_STATUS_KEYS = {
    PrintState.PRINTING: "ticket.printing",
    PrintState.PRINTED: "ticket.take",
    PrintState.FAILED: "ticket.printer_failed",
    PrintState.SCREEN_ONLY: "ticket.screen_only",
}


@lru_cache(maxsize=4)
def _qr_png(url: str) -> bytes:
    # Imported here: the printer layer is slow to import and not needed for the first screen.
    from printers.render import qr_image

    buffer = io.BytesIO()
    qr_image(url, module_px=8).save(buffer, format="PNG")
    return buffer.getvalue()


def qr_pixmap(url: str, size: int) -> QPixmap:
    pixmap = QPixmap()
    pixmap.loadFromData(_qr_png(url), "PNG")
    return pixmap.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                         Qt.TransformationMode.FastTransformation)


def ticket_speech(screen: ScreenView) -> str:
    """The ticket as read aloud: the number letter by letter, then what happens next."""
    model = screen.view.model
    ticket = model.ticket
    if ticket is None:
        return ""
    lines = texts.ticket_lines(ticket, model.language, model.config.timezone)
    number = screen.t("ticket.spoken_number", spelled=texts.spelled(ticket.ticket))
    return " ".join([screen.t(_STATUS_KEYS[model.print_state]) if model.print_state in
                     _STATUS_KEYS else "", number, *lines])


class TicketScreen(ScreenView):
    def build(self) -> None:
        model, m = self.view.model, self.view.metrics
        ticket = model.ticket
        if ticket is None:
            return
        portrait = m.tile_columns == 2
        if model.print_state in _STATUS_KEYS:
            failed = model.print_state is PrintState.FAILED
            self.text(self.t(_STATUS_KEYS[model.print_state]), "notice" if failed else "title")
        body = QVBoxLayout() if portrait else QHBoxLayout()
        body.setSpacing(m.margin)
        words = QVBoxLayout()
        words.setSpacing(m.spacing)
        words.addWidget(label(self.t("ticket.your_number"), "title",
                              align=Qt.AlignmentFlag.AlignCenter))
        number = label(ticket.ticket, "number", wrap=False, align=Qt.AlignmentFlag.AlignCenter)
        number.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        number.setAccessibleName(texts.spelled(ticket.ticket))
        words.addWidget(number)
        self.spoken.append(self.t("ticket.spoken_number", spelled=texts.spelled(ticket.ticket)))
        names = ", ".join(cat.name(s, model.language) for s in ticket.services)
        if names:
            self.text(f"{self.t('ticket.services')} {names}", into=words)
        for line in texts.ticket_lines(ticket, model.language, model.config.timezone):
            self.text(line, into=words)
        body.addLayout(words, 3)
        qr = QVBoxLayout()
        qr.setSpacing(m.spacing // 2)
        side = round(min(m.width, m.height) * (0.30 if portrait else 0.28))
        code = QLabel()
        code.setPixmap(qr_pixmap(ticket.status_url, side))
        code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        code.setAccessibleName(self.t("ticket.qr_name"))
        qr.addWidget(code)
        self.text(self.t("ticket.qr"), "hint", into=qr)
        body.addLayout(qr, 2)
        self.info.addLayout(body)
        self.add(self.button(self.t("ticket.done"), model.ticket_done, icon="check",
                             role="primary"))
