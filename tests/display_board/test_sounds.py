"""The synthesised chime and the repair of streamed WAV headers."""

from __future__ import annotations

import io
import struct
import subprocess
import wave

import pytest

from display_board.sounds import LENGTH, SAMPLE_RATE, chime_wav, complete_wav_header


def test_the_chime_is_a_short_mono_wav() -> None:
    with wave.open(io.BytesIO(chime_wav()), "rb") as chime:
        assert (chime.getnchannels(), chime.getsampwidth(), chime.getframerate()) == (
            1, 2, SAMPLE_RATE)
        assert chime.getnframes() == int(LENGTH * SAMPLE_RATE)
        samples = struct.unpack(f"<{chime.getnframes()}h", chime.readframes(chime.getnframes()))
    assert max(abs(s) for s in samples) > 10000
    # Fades out: the last tenth is much quieter than the loudest moment.
    assert max(abs(s) for s in samples[-len(samples) // 10:]) < 0.2 * max(samples)


def test_the_chime_volume_is_bounded() -> None:
    with pytest.raises(ValueError):
        chime_wav(1.5)


def test_an_espeak_wav_gets_its_real_sizes() -> None:
    streamed = subprocess.run(["espeak-ng", "-v", "nl", "--stdout", "Nummer B 23, balie 4"],
                              check=True, capture_output=True).stdout
    assert struct.unpack("<I", streamed[40:44])[0] > len(streamed)  # a placeholder size
    fixed = complete_wav_header(streamed)
    assert struct.unpack("<I", fixed[40:44])[0] == len(streamed) - 44
    assert struct.unpack("<I", fixed[4:8])[0] == len(streamed) - 8
    with wave.open(io.BytesIO(fixed), "rb") as speech:
        assert speech.getnframes() * 2 == len(streamed) - 44


def test_other_data_is_left_alone() -> None:
    assert complete_wav_header(b"not a wav") == b"not a wav"
