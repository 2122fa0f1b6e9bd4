"""Sound outputs and the announcer's queue, on the mock speech engine and real espeak-ng."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from display_board.announcements import Step, StepKind
from display_board.announcer import Announcer, make_announcer
from display_board.config import BoardConfig, SpeechEngine
from display_board.model import Announcement
from display_board.qt import QObject
from display_board.voices import EspeakVoice, QtVoice, SoundPlayer, Voice, sound_server_running
from tests.display_board.helpers import QUIET_AUDIO, WAIT_MS, SpeechLog

pytestmark = [pytest.mark.qt, QUIET_AUDIO]


def config(**changes: object) -> BoardConfig:
    values: dict[str, object] = {"server": "http://127.0.0.1:1", "token": "dev_x",
                                 "location": "kreupelstraat", "speech": SpeechEngine.MOCK}
    return BoardConfig(**{**values, **changes})  # type: ignore[arg-type]


def test_a_sound_server_is_found_by_its_socket() -> None:
    runtime = {"XDG_RUNTIME_DIR": "/run/user/1000"}
    assert sound_server_running({"PULSE_SERVER": "tcp:10.0.0.9"}, lambda _p: False)
    assert sound_server_running(runtime, lambda p: p == Path("/run/user/1000/pipewire-0"))
    assert sound_server_running(runtime, lambda p: p == Path("/run/user/1000/pulse/native"))
    assert not sound_server_running(runtime, lambda _p: False)
    assert not sound_server_running({}, lambda _p: True)


def test_the_mock_engine_says_a_text_and_reports_the_end(qtbot: QtBot) -> None:
    voice = QtVoice("mock", 0.5)
    words: list[str] = []
    voice.engine.sayingWord.connect(lambda word, *_: words.append(word))
    with qtbot.waitSignal(voice.done, timeout=WAIT_MS):
        voice.say("Nummer B 23, balie 4", "nl")
    assert words == ["Nummer", "B", "23", "balie", "4"]
    assert voice.engine.volume() == pytest.approx(0.5)


def test_espeak_makes_a_file_that_qt_multimedia_plays(qtbot: QtBot) -> None:
    voice = EspeakVoice(0.8, variant="f3")
    with qtbot.waitSignal(voice.done, timeout=WAIT_MS):
        voice.say("Nummer B 23, balie 4", "nl")
    assert voice.player.player.duration() > 1000  # milliseconds of real speech


def test_a_missing_program_is_a_failure_not_a_hang(qtbot: QtBot,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    voice = EspeakVoice(0.8)
    with qtbot.waitSignal(voice.failed, timeout=WAIT_MS) as failed:
        voice.say("Nummer B 23, balie 4", "nl")
    assert "could not run" in failed.args[0]


def test_the_chime_plays_to_the_end(qtbot: QtBot) -> None:
    player = SoundPlayer(0.5)
    announcer = Announcer(QtVoice("mock", 0.5), chime=player)
    with qtbot.waitSignal(player.done, timeout=WAIT_MS):
        announcer.announce(Announcement("B001", 1, "nl"))


def test_announcements_are_queued_and_never_overlap(qtbot: QtBot) -> None:
    announcer = make_announcer(config())
    assert announcer is not None
    log = SpeechLog.listen(announcer)
    steps: list[Step] = []
    announcer.step_started.connect(steps.append)
    with qtbot.waitSignal(announcer.idle, timeout=WAIT_MS):
        announcer.announce(Announcement("B001", 1, "en"))
        announcer.announce(Announcement("P002", 2, "nl"))
        assert announcer.busy
    assert [s.kind for s in steps] == [StepKind.CHIME, StepKind.SAY, StepKind.SAY,
                                       StepKind.CHIME, StepKind.SAY]
    assert log.said == ["Nummer B 1 balie 1", "Number B 1 desk 1", "Nummer P 2 balie 2"]
    assert [kind for kind, what in log.events if what == "start"] == [
        "chime", "say", "say", "chime", "say"]
    assert not log.overlapping()


class HangingVoice(Voice):
    """Like speech-dispatcher without a sound server: starts, never finishes."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.said: list[str] = []
        self.stopped = 0

    def say(self, text: str, language: str) -> None:
        self.said.append(text)

    def stop(self) -> None:
        self.stopped += 1


def test_a_hanging_voice_is_cut_off_and_replaced(qtbot: QtBot) -> None:
    hanging = HangingVoice()
    fallback = QtVoice("mock", 0.5)
    announcer = Announcer(hanging, fallback, speech_deadline_ms=1500, ms_per_character=0)
    words: list[str] = []
    fallback.engine.sayingWord.connect(lambda word, *_: words.append(word))
    with qtbot.waitSignal(announcer.idle, timeout=WAIT_MS):
        announcer.announce(Announcement("B001", 1, "nl"))
        announcer.announce(Announcement("B002", 2, "nl"))
    assert hanging.said == ["Nummer B 1, balie 1"]
    assert hanging.stopped == 1
    assert announcer.voice is fallback
    assert words == ["Nummer", "B", "1", "balie", "1", "Nummer", "B", "2", "balie", "2"]


def test_stop_silences_and_forgets_the_queue(qtbot: QtBot) -> None:
    announcer = Announcer(QtVoice("mock", 0.5))
    announcer.announce(Announcement("B001", 1, "nl"))
    announcer.announce(Announcement("B002", 2, "nl"))
    announcer.stop()
    assert not announcer.busy
    with qtbot.assertNotEmitted(announcer.step_started, wait=300):
        pass


def test_the_configuration_picks_the_outputs() -> None:
    assert make_announcer(config(silent=True)) is None
    mock = make_announcer(config(chime=False, volume=40))
    assert mock is not None and isinstance(mock.voice, QtVoice) and mock.chime is None
    assert mock.voice.engine.engine() == "mock"
    assert mock.voice.engine.volume() == pytest.approx(0.4)
    espeak = make_announcer(config(speech=SpeechEngine.ESPEAK))
    assert espeak is not None and isinstance(espeak.voice, EspeakVoice)
    assert espeak.chime is not None
