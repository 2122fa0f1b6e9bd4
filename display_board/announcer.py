"""Announcements one after another: chime, Dutch, the visitor's language; never overlapping.

The :class:`Announcer` keeps a queue and plays each :class:`~display_board.announcements.Step`
only after the previous one ended. Every step has a deadline, so a speech engine that hangs
(speech-dispatcher without a sound server stays "speaking" forever) cannot stop the queue:
the step is cut off and, for a voice, the board switches to its fallback voice for good.
"""

from __future__ import annotations

import logging
from collections import deque

from display_board.announcements import Step, StepKind, steps
from display_board.config import BoardConfig, SpeechEngine
from display_board.model import Announcement
from display_board.qt import QObject, QTimer, Signal
from display_board.sounds import chime_wav
from display_board.voices import (
    EspeakVoice,
    Output,
    QtVoice,
    SoundPlayer,
    Voice,
    espeak_available,
    sound_server_running,
)

log = logging.getLogger(__name__)

CHIME_DEADLINE_MS = 4000
SPEECH_DEADLINE_MS = 4000
SPEECH_MS_PER_CHARACTER = 150
"""Generous: slow voices say about 12 characters a second."""


class Announcer(QObject):
    """Plays queued announcements in order; one step at a time."""

    step_started = Signal(object)
    """A :class:`Step`, when its sound begins."""
    step_finished = Signal(object)
    idle = Signal()
    """The queue ran empty."""

    def __init__(self, voice: Voice, fallback: Voice | None = None,
                 chime: SoundPlayer | None = None, parent: QObject | None = None,
                 speech_deadline_ms: int = SPEECH_DEADLINE_MS,
                 ms_per_character: int = SPEECH_MS_PER_CHARACTER) -> None:
        super().__init__(parent)
        self.voice = voice
        self.chime = chime
        self._fallback = fallback
        self._speech_deadline_ms = speech_deadline_ms
        self._ms_per_character = ms_per_character
        self._chime_wav = chime_wav() if chime is not None else b""
        self._queue: deque[Step] = deque()
        self._current: Step | None = None
        self._output: Output | None = None
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(self._overdue)
        for output in (voice, fallback, chime):
            if output is not None:
                output.setParent(self)
                output.done.connect(self._step_done)
                output.failed.connect(self._step_failed)

    @property
    def busy(self) -> bool:
        return self._current is not None or bool(self._queue)

    def announce(self, announcement: Announcement) -> None:
        """Queue a call; it is said after everything queued before it."""
        self._queue.extend(steps(announcement, chime=self.chime is not None))
        if self._current is None:
            self._next()

    def stop(self) -> None:
        """Silence at once and forget what was queued (the board is closing)."""
        self._queue.clear()
        self._deadline.stop()
        if self._output is not None:
            self._output.stop()
        self._current = self._output = None

    def _next(self) -> None:
        if not self._queue:
            self.idle.emit()
            return
        self._start(self._queue.popleft())

    def _start(self, step: Step) -> None:
        self._current = step
        self.step_started.emit(step)
        if step.kind is StepKind.CHIME and self.chime is not None:
            self._output = self.chime
            self._deadline.start(CHIME_DEADLINE_MS)
            self.chime.play(self._chime_wav)
        else:
            self._output = self.voice
            self._deadline.start(self._speech_deadline_ms
                                 + self._ms_per_character * len(step.text))
            self.voice.say(step.text, step.language)

    def _step_done(self) -> None:
        if self.sender() is not self._output or self._current is None:
            return
        self._deadline.stop()
        step, self._current, self._output = self._current, None, None
        self.step_finished.emit(step)
        self._next()

    def _step_failed(self, reason: str) -> None:
        if self.sender() is not self._output or self._current is None:
            return
        log.warning("announcement step %s failed: %s", self._current.kind.value, reason)
        self._give_up_on_current()

    def _overdue(self) -> None:
        if self._current is None or self._output is None:
            return
        log.warning("announcement step %s took too long; cut off", self._current.kind.value)
        self._output.stop()
        self._give_up_on_current()

    def _give_up_on_current(self) -> None:
        self._deadline.stop()
        step, output = self._current, self._output
        self._current = self._output = None
        assert step is not None
        if output is self.voice and self._fallback is not None:
            log.warning("switching to the fallback voice")
            self.voice, self._fallback = self._fallback, None
            self._start(step)
            return
        self.step_finished.emit(step)
        self._next()


def make_announcer(config: BoardConfig, parent: QObject | None = None) -> Announcer | None:
    """The announcer the configuration asks for; None for a silent board."""
    if config.silent:
        return None
    volume = config.volume / 100
    espeak = EspeakVoice(volume, config.voice) if espeak_available() else None
    engine = config.speech
    if engine is SpeechEngine.AUTO:
        engine = SpeechEngine.SPEECHD if sound_server_running() else SpeechEngine.ESPEAK
    voice: Voice | None = None
    if engine is SpeechEngine.ESPEAK:
        voice, espeak = espeak, None
    else:
        qt_voice = QtVoice(engine.value, volume, config.voice)
        if qt_voice.usable:
            voice = qt_voice
        else:
            log.warning("the %s speech engine does not work", engine.value)
            voice, espeak = espeak, None
    if voice is None:
        log.warning("no speech engine works and espeak-ng is missing: the board stays silent")
        return None
    chime = SoundPlayer(volume) if config.chime else None
    return Announcer(voice, espeak, chime, parent)
