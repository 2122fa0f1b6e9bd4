"""Fake Epson-style printers for tests: a real TCP server on loopback and a real pseudo-tty.

They record every byte they receive and answer the real-time status questions (``DLE EOT
n``) the way an Epson TM printer does, in the condition the test sets::

    with FakeNetworkPrinter() as fake:
        with open_printer(fake.url) as printer:
            printer.print_ticket(content)
        fake.wait_for_bytes(len(payload))
        fake.condition = Condition.PAPER_OUT

The kiosk tests import this module too (``tests.printers.fake_printer``).
"""

from __future__ import annotations

import contextlib
import enum
import os
import selectors
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Final, Self

_BASE: Final = 0x12  # bits 1 and 4 are always set in an answer
_OFFLINE: Final = 0x08


class Condition(enum.Enum):
    READY = "ready"
    PAPER_NEAR_END = "paper_near_end"
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    SILENT = "silent"
    """Accepts the connection and the data, never answers a status question."""
    REFUSED = "refused"
    """Not listening: connections are refused (network printer only)."""


def status_reply(condition: Condition, n: int) -> bytes:
    """The byte an Epson printer answers to ``DLE EOT n`` in ``condition``."""
    if condition in (Condition.SILENT, Condition.REFUSED) or n not in (1, 2, 3, 4):
        return b""
    printer = offline_cause = error_cause = paper = _BASE
    if condition is Condition.PAPER_NEAR_END:
        paper |= 0x0C
    elif condition is Condition.PAPER_OUT:
        printer |= _OFFLINE
        offline_cause |= 0x20
        paper |= 0x0C | 0x60  # the near-end sensor sees no paper either
    elif condition is Condition.COVER_OPEN:
        printer |= _OFFLINE
        offline_cause |= 0x04
    return bytes([(printer, offline_cause, error_cause, paper)[n - 1]])


class _Recorder:
    """The state both fakes share: what arrived, when, and which questions were asked."""

    def __init__(self, condition: Condition) -> None:
        self._lock = threading.Condition()
        self._condition = condition
        self._received = bytearray()
        self._arrivals: list[tuple[float, int]] = []
        self._pending = b""  # an unfinished DLE EOT split across two reads
        self.status_queries: list[int] = []

    @property
    def condition(self) -> Condition:
        with self._lock:
            return self._condition

    def _set_condition(self, condition: Condition) -> None:
        with self._lock:
            self._condition = condition

    @property
    def received(self) -> bytes:
        with self._lock:
            return bytes(self._received)

    def _take(self, data: bytes) -> bytes:
        """Record ``data``; return the answers to the status questions in it."""
        now = time.perf_counter()
        with self._lock:
            self._received += data
            self._arrivals.append((now, len(self._received)))
            stream, answers, start = self._pending + data, bytearray(), 0
            while (index := stream.find(b"\x10\x04", start)) != -1 and index + 2 < len(stream):
                n = stream[index + 2]
                self.status_queries.append(n)
                answers += status_reply(self._condition, n)
                start = index + 3
            if index != -1:
                self._pending = stream[index:]
            else:
                self._pending = b"\x10" if stream.endswith(b"\x10") else b""
            self._lock.notify_all()
            return bytes(answers)

    def wait_for_payload(self, payload: bytes, timeout: float = 5.0) -> float:
        """Block until ``payload`` has arrived whole; the ``perf_counter`` time of its last byte."""
        with self._lock:
            if not self._lock.wait_for(lambda: payload in self._received, timeout):
                raise TimeoutError(f"payload of {len(payload)} bytes did not arrive")
            end = bytes(self._received).rfind(payload) + len(payload)
            return next(t for t, count in self._arrivals if count >= end)

    def wait_for_bytes(self, total: int, timeout: float = 5.0) -> float:
        """Block until ``total`` bytes have arrived; the ``perf_counter`` time they did."""
        with self._lock:
            if not self._lock.wait_for(lambda: len(self._received) >= total, timeout):
                raise TimeoutError(f"only {len(self._received)} of {total} bytes arrived")
            return next(t for t, count in self._arrivals if count >= total)


class FakeNetworkPrinter(_Recorder):
    """A network printer on 127.0.0.1, on a port the system picks."""

    def __init__(self, condition: Condition = Condition.READY) -> None:
        super().__init__(condition)
        self._selector = selectors.DefaultSelector()
        self._wake_r, self._wake_w = socket.socketpair()
        self._selector.register(self._wake_r, selectors.EVENT_READ)
        self._listener: socket.socket | None = None
        self._clients: list[socket.socket] = []
        self._requests: list[tuple[Callable[[], None], threading.Event]] = []
        self._thread = threading.Thread(target=self._serve, name="fake-printer", daemon=True)
        self._stopping = False
        self._listen(0)
        self.port = self._port
        self.connections = 0
        if condition is Condition.REFUSED:
            self._set_refused(True)

    @property
    def url(self) -> str:
        return f"tcp://127.0.0.1:{self.port}"

    @property
    def condition(self) -> Condition:
        return super().condition

    @condition.setter
    def condition(self, condition: Condition) -> None:
        was_refused = self.condition is Condition.REFUSED
        self._set_condition(condition)
        if (condition is Condition.REFUSED) != was_refused:
            self._set_refused(condition is Condition.REFUSED)

    def _listen(self, port: int) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen(8)
        listener.setblocking(False)
        self._port: int = listener.getsockname()[1]
        self._listener = listener
        self._selector.register(listener, selectors.EVENT_READ)
        self._wake()

    def _set_refused(self, refused: bool) -> None:
        if refused:
            # Closing the listening socket makes the kernel refuse new connections, like a
            # printer whose network interface is up but whose print server is not.
            self._call_in_loop(self._close_all)
        else:
            self._call_in_loop(lambda: self._listen(self.port))

    def _call_in_loop(self, action: Callable[[], None]) -> None:
        # The loop thread owns the sockets; before start() there is no loop yet.
        if self._thread.is_alive():
            done = threading.Event()
            self._requests.append((action, done))
            self._wake()
            done.wait(5)
        else:
            action()

    def _close_all(self) -> None:
        if self._listener is not None:
            self._selector.unregister(self._listener)
            self._listener.close()
            self._listener = None
        for client in self._clients:
            self._selector.unregister(client)
            client.close()
        self._clients.clear()

    def _wake(self) -> None:
        with contextlib.suppress(OSError):
            self._wake_w.send(b"!")

    def start(self) -> Self:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping = True
        self._wake()
        self._thread.join(5)
        self._close_all()
        self._selector.close()
        self._wake_r.close()
        self._wake_w.close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    def _serve(self) -> None:
        while not self._stopping:
            for key, _ in self._selector.select(timeout=1.0):
                sock = key.fileobj
                assert isinstance(sock, socket.socket)
                if sock is self._wake_r:
                    sock.recv(64)
                    while self._requests:
                        action, done = self._requests.pop(0)
                        action()
                        done.set()
                    # The other events of this round may be for sockets just closed.
                    break
                if sock is self._listener:
                    self._accept(sock)
                else:
                    self._receive(sock)

    def _accept(self, listener: socket.socket) -> None:
        try:
            client, _ = listener.accept()
        except BlockingIOError:
            return
        client.setblocking(False)
        client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._clients.append(client)
        self._selector.register(client, selectors.EVENT_READ)
        self.connections += 1

    def _receive(self, client: socket.socket) -> None:
        try:
            data = client.recv(65536)
        except BlockingIOError:
            return
        except ConnectionResetError:
            data = b""
        if not data:
            self._selector.unregister(client)
            self._clients.remove(client)
            client.close()
            return
        answers = self._take(data)
        if answers:
            client.sendall(answers)


class FakeSerialPrinter(_Recorder):
    """A serial printer on the far end of a pseudo-tty; ``path`` is the port to open."""

    def __init__(self, condition: Condition = Condition.READY) -> None:
        super().__init__(condition)
        self._controller, follower = os.openpty()
        self.path = Path(os.ttyname(follower))
        # Keep the follower open so the port exists until the test's transport opens it.
        self._follower = follower
        self._stop_r, self._stop_w = os.pipe()
        self._thread = threading.Thread(target=self._serve, name="fake-serial", daemon=True)

    @property
    def url(self) -> str:
        return f"serial://{self.path}"

    @property
    def condition(self) -> Condition:
        return super().condition

    @condition.setter
    def condition(self, condition: Condition) -> None:
        self._set_condition(condition)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        os.write(self._stop_w, b"!")
        self._thread.join(5)
        for fd in (self._controller, self._follower, self._stop_r, self._stop_w):
            os.close(fd)

    def _serve(self) -> None:
        with selectors.DefaultSelector() as selector:
            selector.register(self._controller, selectors.EVENT_READ)
            selector.register(self._stop_r, selectors.EVENT_READ)
            while True:
                ready = {key.fd for key, _ in selector.select()}
                if self._stop_r in ready:
                    return
                try:
                    data = os.read(self._controller, 65536)
                except OSError:  # EIO: no process has the port open right now
                    time.sleep(0.01)
                    continue
                answers = self._take(data)
                if answers:
                    os.write(self._controller, answers)
