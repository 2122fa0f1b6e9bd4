"""Shared pieces of the board's Qt tests: opening a board, and listening to what it says."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from display_board.announcer import Announcer, make_announcer
from display_board.config import BoardConfig, InfoLine, SpeechEngine
from display_board.controller import BoardController
from display_board.qt import QMediaPlayer, QTextToSpeech
from display_board.stream import Backoff
from display_board.voices import QtVoice
from display_board.window import BoardWindow
from eenloket_wire.client import Client
from eenloket_wire.messages import WalkInIn
from tests.support import LOCATION

QUIET_AUDIO = pytest.mark.qt_log_ignore(
    # Qt's FFmpeg backend looks for optional libraries (PipeWire, VA-API) this machine lacks,
    r"^Couldn't (load|resolve) .+ (library|symbols)$",
    # and the test machine has neither a sound server nor a sound card: sounds play silently.
    r"^PulseAudioService: pa_context_connect\(\) failed$",
    r"^No audio device detected$",
)
SERVICE = "paspoort-of-id-kaart-ophalen"
"""A walk-in service of the demo hall (letter B) that every demo desk can serve."""
SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots" / "display_board"
WAIT_MS = 20_000
INFO = (InfoLine("Open maandag tot en met vrijdag van 9.00 tot 17.00 uur.",
                 "Open Monday to Friday, 9:00 to 17:00."),)


def open_board(qtbot: QtBot, server_url: str, token: str, *, size: tuple[int, int] = (1920, 1080),
               silent: bool = False, desks: frozenset[int] | None = None) -> BoardWindow:
    """A board on the mock speech engine that reconnects quickly."""
    config = BoardConfig(server=server_url, token=token, location=LOCATION, silent=silent,
                         desks=desks, speech=SpeechEngine.MOCK, info=INFO)
    controller = BoardController(config, make_announcer(config),
                                 backoff=Backoff(initial=0.05, maximum=0.5))
    window = BoardWindow(config, controller)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    return window


def check_in(kiosk: Client, language: str = "nl") -> str:
    ticket = kiosk.walk_in(LOCATION, WalkInIn(services=[SERVICE], language=language),
                           str(uuid.uuid4()))
    return ticket.ticket


@dataclass
class SpeechLog:
    """Everything the board sounded, in the order it happened, from the engines' own signals:
    ``("chime", "start")``, ``("chime", "end")``, ``("say", "start")``, ``("say", "Nummer B 1
    balie 1")`` (the mock engine reports words without punctuation)."""

    events: list[tuple[str, str]] = field(default_factory=list)
    _words: list[str] = field(default_factory=list)

    @classmethod
    def listen(cls, announcer: Announcer | None) -> SpeechLog:
        assert announcer is not None and isinstance(announcer.voice, QtVoice)
        log = cls()
        engine = announcer.voice.engine
        engine.stateChanged.connect(log._speech_state)
        engine.sayingWord.connect(lambda word, *_: log._words.append(word))
        if announcer.chime is not None:
            player = announcer.chime.player
            player.playbackStateChanged.connect(log._chime_state)
            player.mediaStatusChanged.connect(log._chime_status)
        return log

    @property
    def said(self) -> list[str]:
        return [text for kind, text in self.events if kind == "say" and text != "start"]

    def overlapping(self) -> bool:
        """Whether any sound started while another was still going."""
        active = 0
        for _kind, what in self.events:
            if what == "start":
                if active:
                    return True
                active += 1
            else:
                active -= 1
        return False

    def _speech_state(self, state: QTextToSpeech.State) -> None:
        if state == QTextToSpeech.State.Speaking:
            self._words.clear()
            self.events.append(("say", "start"))
        elif state == QTextToSpeech.State.Ready and self.events:
            self.events.append(("say", " ".join(self._words)))

    def _chime_state(self, state: QMediaPlayer.PlaybackState) -> None:
        if state == QMediaPlayer.PlaybackState.PlayingState:
            self.events.append(("chime", "start"))

    def _chime_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.EndOfMedia:
            self.events.append(("chime", "end"))


def plain(text: str) -> str:
    """A spoken text as the mock engine reports it: words without punctuation."""
    return " ".join(word.strip(",.") for word in text.split())
