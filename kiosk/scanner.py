"""A keyboard-wedge scanner types the code it reads, then Enter: tell that from noise.

The kiosk has no physical keyboard, so any key presses come from the scanner. A scanner
types fast; a gap of more than ``max_gap_ms`` between characters starts a new code, so a
stray key press long ago never sticks to the front of the next scan.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class WedgeBuffer:
    max_gap_ms: int = 500
    max_length: int = 200
    _chars: list[str] = field(default_factory=list)
    _last_ms: int | None = None

    def key(self, text: str, timestamp_ms: int) -> None:
        """A printable key press (``text`` as the key event gives it)."""
        if self._last_ms is not None and timestamp_ms - self._last_ms > self.max_gap_ms:
            self._chars.clear()
        self._last_ms = timestamp_ms
        if text.isprintable() and len(self._chars) < self.max_length:
            self._chars.append(text)

    def enter(self, timestamp_ms: int) -> str | None:
        """Enter ends a code: the code typed just before it, or ``None`` if there was none."""
        fresh = self._last_ms is not None and timestamp_ms - self._last_ms <= self.max_gap_ms
        code = "".join(self._chars).strip()
        self._chars.clear()
        self._last_ms = None
        return code if fresh and code else None
