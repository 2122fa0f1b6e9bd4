"""Reading DLE EOT answers into a PrinterStatus, within the time limit."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from printers.errors import PrinterConnectionLost, PrinterTimeout
from printers.status import PrinterStatus, interpret, is_status_byte, query_status
from tests.printers.fake_printer import Condition, status_reply

BASE = 0x12


@pytest.mark.parametrize(("printer", "cause", "paper", "expected"), [
    (BASE, None, BASE, PrinterStatus.READY),
    (BASE, None, BASE | 0x0C, PrinterStatus.PAPER_NEAR_END),
    (BASE | 0x08, BASE | 0x20, BASE | 0x6C, PrinterStatus.PAPER_OUT),
    (BASE | 0x08, BASE | 0x04, BASE, PrinterStatus.COVER_OPEN),
    (BASE | 0x08, BASE | 0x40, BASE, PrinterStatus.OFFLINE),
    (BASE | 0x08, None, None, PrinterStatus.OFFLINE),
    (BASE, None, None, PrinterStatus.READY),
    (0x00, None, BASE, PrinterStatus.UNKNOWN),  # not a status byte
    (0xFF, None, BASE, PrinterStatus.UNKNOWN),
    (BASE, None, 0x7F, PrinterStatus.READY),  # garbage paper answer is ignored
])
def test_interpret(printer: int, cause: int | None, paper: int | None,
                   expected: PrinterStatus) -> None:
    assert interpret(printer, cause, paper) is expected


def test_only_bytes_with_the_fixed_bits_are_answers() -> None:
    assert [v for v in range(256) if is_status_byte(v)] == [
        v for v in range(256) if v & 0x93 == 0x12
    ]


class ScriptedChannel:
    """A transport that answers each DLE EOT question with ``respond(n)`` (``b""``: silence)."""

    def __init__(self, respond: Callable[[int], bytes], can_read: bool = True) -> None:
        self.respond = respond
        self.can_read = can_read
        self.pending = bytearray()
        self.written: list[bytes] = []
        self.timeouts: list[float] = []

    def write(self, data: bytes) -> None:
        self.written.append(data)
        self.pending += self.respond(data[2])

    def read(self, size: int, timeout: float) -> bytes:
        self.timeouts.append(timeout)
        if not self.pending:
            raise PrinterTimeout("silent")
        answer = bytes(self.pending[:size])
        del self.pending[:size]
        return answer

    def discard_input(self) -> None:
        self.pending.clear()


@pytest.mark.parametrize("condition", [
    Condition.READY, Condition.PAPER_NEAR_END, Condition.PAPER_OUT, Condition.COVER_OPEN,
])
def test_query_reads_what_an_epson_printer_answers(condition: Condition) -> None:
    channel = ScriptedChannel(lambda n: status_reply(condition, n))
    assert query_status(channel).value == condition.value
    assert all(w[:2] == b"\x10\x04" and len(w) == 3 for w in channel.written)


def test_late_answers_from_before_are_dropped() -> None:
    channel = ScriptedChannel(lambda n: bytes([BASE]))
    channel.pending += bytes([BASE | 0x08])  # an "offline" answer that arrived too late
    assert query_status(channel) is PrinterStatus.READY


def test_noise_before_the_answer_is_skipped() -> None:
    channel = ScriptedChannel(lambda n: b"\x00\xff" + bytes([BASE | (0x0C if n == 4 else 0)]))
    assert query_status(channel) is PrinterStatus.PAPER_NEAR_END


def test_silent_printer_is_unknown_after_one_question() -> None:
    channel = ScriptedChannel(lambda n: b"")
    assert query_status(channel, timeout=60) is PrinterStatus.UNKNOWN
    assert channel.written == [b"\x10\x04\x01"]
    assert channel.timeouts and max(channel.timeouts) <= 2.0  # the limit caps any timeout


def test_write_only_transport_is_unknown_without_asking() -> None:
    channel = ScriptedChannel(lambda n: bytes([BASE]), can_read=False)
    assert query_status(channel) is PrinterStatus.UNKNOWN
    assert channel.written == []


def test_a_lost_connection_is_raised_not_hidden() -> None:
    class Gone(ScriptedChannel):
        def read(self, size: int, timeout: float) -> bytes:
            raise PrinterConnectionLost("reset by peer")

    with pytest.raises(PrinterConnectionLost):
        query_status(Gone(lambda n: b""))
