"""Sound data the board plays: the chime before each call, and espeak-ng's WAV output.

The chime is a two-tone "ding-dong" synthesised here, so there is no asset file to lose.
"""

from __future__ import annotations

import io
import math
import struct
import wave

SAMPLE_RATE = 22050
TONES = ((659.25, 0.0), (523.25, 0.45))
"""E5 then C5 (Hz, start in seconds): the classic public-address interval."""
LENGTH = 1.4
DECAY = 2.6
"""Per second; each tone fades like a struck bell so the speech after it is not masked."""


def chime_wav(volume: float = 0.6) -> bytes:
    """A mono 16-bit WAV of the chime, ``volume`` between 0 and 1."""
    if not 0.0 <= volume <= 1.0:
        raise ValueError("volume must lie between 0 and 1")
    frames = bytearray()
    amplitude = 32767 * volume / len(TONES)
    for index in range(int(LENGTH * SAMPLE_RATE)):
        t = index / SAMPLE_RATE
        sample = 0.0
        for frequency, start in TONES:
            if t >= start:
                local = t - start
                # A few milliseconds of attack avoid a click at the start of each tone.
                attack = min(1.0, local / 0.005)
                sample += attack * math.exp(-DECAY * local) * math.sin(
                    2 * math.pi * frequency * local
                )
        frames += struct.pack("<h", round(amplitude * sample))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(bytes(frames))
    return buffer.getvalue()


def complete_wav_header(data: bytes) -> bytes:
    """A WAV written to a pipe (``espeak-ng --stdout``) with its chunk sizes filled in.

    A program that streams a WAV cannot know its length up front and writes placeholder sizes;
    FFmpeg then has to guess the duration and complains. Only the canonical 44-byte header
    (``RIFF``, ``fmt `` of 16 bytes, ``data``) is patched; anything else is returned as is.
    """
    if len(data) < 44 or data[:4] != b"RIFF" or data[8:16] != b"WAVEfmt " or data[36:40] != b"data":
        return data
    body = len(data) - 44
    riff, data_size = struct.pack("<I", body + 36), struct.pack("<I", body)
    return data[:4] + riff + data[8:40] + data_size + data[44:]
