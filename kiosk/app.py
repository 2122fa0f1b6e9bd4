"""``eenloket kiosk``: the touch kiosk, fullscreen, for a hall's entrance.

Settings come from ``--config`` (TOML, default ``/etc/eenloket/kiosk.toml`` when it exists)
and ``EENLOKET_KIOSK_*`` variables; see :mod:`kiosk.config`. The process exits non-zero only
for a configuration it cannot run with; once the window is up, no error reaches the visitor
as a traceback: it is logged, and the kiosk goes back to its start screen.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from kiosk.config import ConfigError, KioskConfig, load_config

if TYPE_CHECKING:
    from kiosk.window import KioskWindow

DEFAULT_CONFIG = Path("/etc/eenloket/kiosk.toml")
log = logging.getLogger("kiosk")


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="eenloket kiosk", description=__doc__.split("\n")[0])
    parser.add_argument("--config", type=Path, help="kiosk settings file (TOML)")
    parser.add_argument("--windowed", action="store_true",
                        help="a window instead of fullscreen (for trying it out)")
    parser.add_argument("--log-level", default="INFO")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    logging.basicConfig(level=args.log_level.upper(),
                        format="%(asctime)s %(levelname)s %(name)s %(message)s")
    path = args.config or (DEFAULT_CONFIG if DEFAULT_CONFIG.exists() else None)
    try:
        config = load_config(path)
    except ConfigError as exc:
        log.error("kiosk configuration: %s", exc)
        return 2
    if args.windowed:
        config = replace(config, fullscreen=False)
    return run(config)


def fallback(window: KioskWindow) -> Callable[
        [type[BaseException], BaseException, TracebackType | None], None]:
    """An exception hook that logs and sends the visitor back to the start screen.

    PySide hands an exception raised in a slot to ``sys.excepthook``; Python's default would
    print a traceback on the console, and the visitor would face a half-finished screen.
    """

    def unexpected(kind: type[BaseException], error: BaseException,
                   trace: TracebackType | None) -> None:
        log.critical("unexpected error", exc_info=(kind, error, trace))
        try:
            window.controller.act(window.model.home)
        except Exception:
            log.critical("could not return to the start screen", exc_info=True)

    return unexpected


def run(config: KioskConfig) -> int:
    """Show the kiosk and run Qt's event loop until the window closes."""
    from kiosk.qt import QApplication
    from kiosk.window import KioskWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = KioskWindow(config)
    sys.excepthook = fallback(window)
    if config.fullscreen:
        window.showFullScreen()
    else:
        window.show()
    return int(app.exec())
