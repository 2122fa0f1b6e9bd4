"""The board's sound outputs: a WAV player (chime), QtTextToSpeech, and espeak-ng files.

Each output says or plays one thing at a time and reports the end with ``done``, or
``failed`` when it cannot; the announcer (``announcer.py``) puts them in order.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

from display_board.qt import (
    QAudioOutput,
    QBuffer,
    QByteArray,
    QIODevice,
    QLocale,
    QMediaPlayer,
    QObject,
    QProcess,
    QTextToSpeech,
    QTimer,
    QUrl,
    Signal,
)
from display_board.sounds import complete_wav_header

log = logging.getLogger(__name__)

QT_LOCALES = {"nl": "nl_NL", "en": "en_GB", "pl": "pl_PL", "tr": "tr_TR", "uk": "uk_UA",
              "ar": "ar_SA"}
ESPEAK_VOICES = {"nl": "nl", "en": "en-gb", "pl": "pl", "tr": "tr", "uk": "uk", "ar": "ar"}


def sound_server_running(env: Mapping[str, str] = os.environ,
                         exists: Callable[[Path], bool] = Path.exists) -> bool:
    """Whether PulseAudio or PipeWire listens for this user.

    speech-dispatcher speaks through a sound server; without one its ``say()`` never
    finishes, so the board then makes espeak-ng files and plays them itself.
    """
    if env.get("PULSE_SERVER"):
        return True
    runtime = env.get("XDG_RUNTIME_DIR")
    if not runtime:
        return False
    return any(exists(Path(runtime) / name) for name in ("pulse/native", "pipewire-0"))


def espeak_available() -> bool:
    return shutil.which("espeak-ng") is not None


class Output(QObject):
    """One sound at a time; ``done`` after it ends, ``failed`` if it could not be made.

    Both are emitted from the event loop, not from inside the engine's own signal: the
    announcer starts the next sound in its slot, and an engine that is asked to speak while
    it is still announcing its previous state change reports the two out of order.
    """

    done = Signal()
    failed = Signal(str)

    def stop(self) -> None:
        raise NotImplementedError

    def _finished(self) -> None:
        QTimer.singleShot(0, self, self.done.emit)

    def _broke(self, reason: str) -> None:
        QTimer.singleShot(0, self, lambda: self.failed.emit(reason))


class Voice(Output):
    def say(self, text: str, language: str) -> None:
        raise NotImplementedError


class SoundPlayer(Output):
    """Plays WAV data from memory through QtMultimedia."""

    def __init__(self, volume: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._audio = QAudioOutput(self)
        self._audio.setVolume(volume)
        self.player = QMediaPlayer(self)
        self.player.setAudioOutput(self._audio)
        self.player.mediaStatusChanged.connect(self._on_status)
        self.player.errorOccurred.connect(self._on_error)
        self._buffer: QBuffer | None = None
        self._playing = False

    def play(self, wav: bytes) -> None:
        buffer = QBuffer(self)
        buffer.setData(QByteArray(wav))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._playing = True
        # The URL only tells FFmpeg the format; the data comes from the buffer.
        self.player.setSourceDevice(buffer, QUrl("sound.wav"))
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        self.player.play()

    def stop(self) -> None:
        self._playing = False
        self.player.stop()

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if self._playing and status == QMediaPlayer.MediaStatus.EndOfMedia:
            self._playing = False
            self._finished()

    def _on_error(self, _error: QMediaPlayer.Error, text: str) -> None:
        if self._playing:
            self._playing = False
            self._broke(text or "the sound could not be played")


class QtVoice(Voice):
    """QtTextToSpeech with the named engine (``speechd`` on a board, ``mock`` in tests)."""

    def __init__(self, engine: str, volume: float, voice: str = "",
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Constructing the speechd engine talks to speech-dispatcher synchronously (a few
        # seconds on first start); it happens once, before the board shows anything.
        self.engine = QTextToSpeech(engine, self)
        self.engine.setVolume(volume)
        self.engine.stateChanged.connect(self._on_state)
        self._voice_name = voice.lower()
        self._speaking = False

    @property
    def usable(self) -> bool:
        return self.engine.state() != QTextToSpeech.State.Error

    def say(self, text: str, language: str) -> None:
        self._choose(language)
        self._speaking = True
        self.engine.say(text)

    def stop(self) -> None:
        self._speaking = False
        self.engine.stop(QTextToSpeech.BoundaryHint.Immediate)

    def _choose(self, language: str) -> None:
        target = QLocale(QT_LOCALES.get(language, language))
        matches = [loc for loc in self.engine.availableLocales()
                   if loc.language() == target.language()]
        if not matches:
            # Said with the engine's current voice: better an accent than silence.
            log.debug("no %s voice in the %s engine", language, self.engine.engine())
            return
        exact = [loc for loc in matches if loc.territory() == target.territory()]
        self.engine.setLocale((exact or matches)[0])
        if self._voice_name:
            for voice in self.engine.availableVoices():
                if self._voice_name in voice.name().lower():
                    self.engine.setVoice(voice)
                    break

    def _on_state(self, state: QTextToSpeech.State) -> None:
        if not self._speaking:
            return
        if state == QTextToSpeech.State.Ready:
            self._speaking = False
            self._finished()
        elif state == QTextToSpeech.State.Error:
            self._speaking = False
            self._broke(self.engine.errorString() or "the speech engine failed")


class EspeakVoice(Voice):
    """espeak-ng writes the call as a WAV (in milliseconds); QtMultimedia plays it."""

    def __init__(self, volume: float, variant: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._variant = variant
        self.player = SoundPlayer(volume, self)
        self.player.done.connect(self.done)
        self.player.failed.connect(self.failed)
        self._process: QProcess | None = None

    def say(self, text: str, language: str) -> None:
        voice = ESPEAK_VOICES.get(language, language)
        if self._variant:
            voice += f"+{self._variant}"
        process = QProcess(self)
        process.finished.connect(lambda code, _status: self._made(process, code))
        process.errorOccurred.connect(lambda _error: self._broken(process))
        self._process = process
        process.start("espeak-ng", ["-v", voice, "--stdout", text])

    def stop(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process = None
        self.player.stop()

    def _made(self, process: QProcess, code: int) -> None:
        if process is not self._process:
            return
        self._process = None
        wav = bytes(process.readAllStandardOutput().data())
        process.deleteLater()
        if code != 0 or not wav:
            self._broke(f"espeak-ng ended with code {code}")
            return
        self.player.play(complete_wav_header(wav))

    def _broken(self, process: QProcess) -> None:
        if process is self._process:
            self._process = None
            self._broke(f"espeak-ng could not run: {process.errorString()}")
