"""Read-aloud: QTextToSpeech with speech-dispatcher (espeak-ng) on the kiosk, ``mock`` in tests.

A kiosk without a working speech engine still works; it only stays silent (and says so in
the log once).
"""

from __future__ import annotations

import logging
from typing import Final

from kiosk.qt import QLocale, QObject, QTextToSpeech

log = logging.getLogger(__name__)

VOICE_LOCALES: Final = {"nl": "nl_NL", "en": "en_GB", "pl": "pl_PL", "tr": "tr_TR",
                        "uk": "uk_UA", "ar": "ar"}


class Speaker(QObject):
    """Says one text at a time: a new text interrupts the one before."""

    def __init__(self, engine: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.history: list[tuple[str, str]] = []
        """The last texts said, as (language, text): what a visitor heard."""
        self._tts: QTextToSpeech | None = None
        if engine in QTextToSpeech.availableEngines():
            self._tts = QTextToSpeech(engine, self)
        else:
            log.warning("speech engine %r is not available: read-aloud stays silent", engine)
        self._language = ""

    def say(self, text: str, language: str) -> None:
        self.history = [*self.history[-19:], (language, text)]
        if self._tts is None:
            return
        if language != self._language:
            self._language = language
            self._tts.setLocale(QLocale(VOICE_LOCALES.get(language, language)))
        self._tts.stop()
        self._tts.say(text)

    def stop(self) -> None:
        if self._tts is not None:
            self._tts.stop()
