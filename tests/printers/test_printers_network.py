"""The network transport against a real TCP server on loopback that behaves like a printer."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from printers.errors import (
    PrinterError,
    PrinterNotReady,
    PrinterTimeout,
    PrinterUnavailable,
)
from printers.layout import build_ticket
from printers.printer import EscposPrinter, PrinterState, open_printer, printer_status
from printers.status import PrinterStatus
from printers.ticket import TicketContent
from printers.transports import TcpTransport
from printers.urls import TcpAddress, parse_printer_url
from tests.printers.fake_printer import Condition, FakeNetworkPrinter

# Generous: the limit is 2 s; the rest absorbs a busy shared machine, not slow code.
STATUS_LIMIT = 2.0 + 1.0


def test_ticket_bytes_arrive_unchanged(fake_printer: FakeNetworkPrinter,
                                       make_ticket: Callable[..., TicketContent]) -> None:
    content = make_ticket()
    with open_printer(fake_printer.url) as printer:
        receipt = printer.print_ticket(content)
    payload = build_ticket(content, printer.profile).payload
    fake_printer.wait_for_payload(payload)
    assert receipt.bytes_sent == len(payload)
    # The status questions come first, then exactly the ticket.
    assert fake_printer.received == b"\x10\x04\x01\x10\x04\x04" + payload
    assert fake_printer.connections == 1


def test_drawn_ticket_of_tens_of_kilobytes_arrives_unchanged(
        fake_printer: FakeNetworkPrinter, make_ticket: Callable[..., TicketContent]) -> None:
    content = make_ticket("ar")
    with open_printer(fake_printer.url + "?profile=generic-80") as printer:
        printer.print_ticket(content, check_status=False)
    payload = build_ticket(content, printer.profile).payload
    assert len(payload) > 20_000
    fake_printer.wait_for_payload(payload)
    assert fake_printer.received == payload


def test_one_connection_serves_many_tickets(fake_printer: FakeNetworkPrinter,
                                            make_ticket: Callable[..., TicketContent]) -> None:
    with open_printer(fake_printer.url) as printer:
        for number in ("B001", "B002", "B003"):
            printer.print_ticket(make_ticket(ticket_number=number), check_status=False)
    fake_printer.wait_for_payload(build_ticket(make_ticket(ticket_number="B003"),
                                               printer.profile).payload)
    assert fake_printer.connections == 1
    assert fake_printer.received.count(b"\x1dV\x01") == 3  # three cuts


@pytest.mark.parametrize(("condition", "expected"), [
    (Condition.READY, PrinterStatus.READY),
    (Condition.PAPER_NEAR_END, PrinterStatus.PAPER_NEAR_END),
    (Condition.PAPER_OUT, PrinterStatus.PAPER_OUT),
    (Condition.COVER_OPEN, PrinterStatus.COVER_OPEN),
    (Condition.SILENT, PrinterStatus.UNKNOWN),
    (Condition.REFUSED, PrinterStatus.OFFLINE),
])
def test_status_follows_the_printer(fake_printer: FakeNetworkPrinter, condition: Condition,
                                    expected: PrinterStatus) -> None:
    with open_printer(fake_printer.url) as printer:
        fake_printer.condition = condition
        started = time.monotonic()
        assert printer.status() is expected
        assert time.monotonic() - started < STATUS_LIMIT
    started = time.monotonic()
    assert printer_status(fake_printer.url) is expected
    assert time.monotonic() - started < STATUS_LIMIT


def test_silent_printer_still_gets_its_ticket(fake_printer: FakeNetworkPrinter,
                                              make_ticket: Callable[..., TicketContent]) -> None:
    # Some print servers never answer status questions; "unknown" must not block printing.
    fake_printer.condition = Condition.SILENT
    content = make_ticket()
    with open_printer(fake_printer.url) as printer:
        started = time.monotonic()
        printer.print_ticket(content)
        # The check before printing waits 0.5 s, not the 2 s of a status query.
        assert time.monotonic() - started < 1.5
    fake_printer.wait_for_payload(build_ticket(content, printer.profile).payload)


@pytest.mark.parametrize("condition", [Condition.PAPER_OUT, Condition.COVER_OPEN])
def test_printer_that_cannot_print_is_not_sent_the_ticket(
        fake_printer: FakeNetworkPrinter, make_ticket: Callable[..., TicketContent],
        condition: Condition) -> None:
    fake_printer.condition = condition
    with open_printer(fake_printer.url) as printer:
        with pytest.raises(PrinterNotReady) as raised:
            printer.print_ticket(make_ticket())
        assert raised.value.status.value == condition.value
        # The connection is fine; it is the printer that cannot print.
        assert printer.status().value == condition.value
    assert b"B023" not in fake_printer.received


def test_refused_connection_is_unavailable_with_the_socket_error_as_cause(
        fake_printer: FakeNetworkPrinter) -> None:
    fake_printer.condition = Condition.REFUSED
    printer = open_printer(fake_printer.url)
    with pytest.raises(PrinterUnavailable, match="refused") as raised:
        printer.open()
    assert isinstance(raised.value.__cause__, ConnectionRefusedError)
    assert isinstance(raised.value, PrinterError)


def test_printer_back_after_a_restart_is_reconnected(
        fake_printer: FakeNetworkPrinter, make_ticket: Callable[..., TicketContent]) -> None:
    with open_printer(fake_printer.url) as printer:
        assert printer.status() is PrinterStatus.READY
        fake_printer.condition = Condition.REFUSED  # drops the connection, refuses new ones
        assert printer.status() is PrinterStatus.OFFLINE
        fake_printer.condition = Condition.READY
        assert printer.status() is PrinterStatus.READY
        printer.print_ticket(make_ticket())
    assert fake_printer.connections == 2


def test_closed_printer_refuses_to_print(fake_printer: FakeNetworkPrinter,
                                         make_ticket: Callable[..., TicketContent]) -> None:
    printer = open_printer(fake_printer.url)
    assert isinstance(printer, EscposPrinter)
    assert printer.state is PrinterState.CLOSED
    with pytest.raises(PrinterError, match="not open"):
        printer.print_ticket(make_ticket())
    assert fake_printer.connections == 0


def test_status_and_printing_from_two_threads_do_not_mix_answers(
        fake_printer: FakeNetworkPrinter, make_ticket: Callable[..., TicketContent]) -> None:
    fake_printer.condition = Condition.PAPER_NEAR_END
    seen: list[PrinterStatus] = []
    with open_printer(fake_printer.url) as printer:
        poller = threading.Thread(target=lambda: seen.extend(printer.status() for _ in range(20)))
        poller.start()
        for _ in range(5):
            printer.print_ticket(make_ticket())
        poller.join()
    assert seen == [PrinterStatus.PAPER_NEAR_END] * 20


@pytest.fixture
def deaf_printer() -> Iterator[str]:
    """A port that accepts connections but never reads: the send buffers fill up."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        yield f"tcp://127.0.0.1:{listener.getsockname()[1]}"


def test_write_to_a_printer_that_takes_no_data_times_out(deaf_printer: str) -> None:
    address = parse_printer_url(deaf_printer + "?write_timeout=0.3")
    assert isinstance(address, TcpAddress)
    transport = TcpTransport(address)
    with transport, pytest.raises(PrinterTimeout, match="took no data"):
        transport.write(bytes(64 * 1024 * 1024))


def test_unroutable_host_gives_up_after_the_connect_timeout() -> None:
    # 192.0.2.0/24 is TEST-NET-1: never routed, so the connection attempt hangs or fails fast.
    printer = open_printer("tcp://192.0.2.1:9100?connect_timeout=0.3")
    started = time.monotonic()
    with pytest.raises(PrinterUnavailable):
        printer.open()
    assert time.monotonic() - started < 0.3 + 1.0
