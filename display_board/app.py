"""``eenloket board``: the hall display board, usually fullscreen in cage on a TV."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from pathlib import Path

from display_board.config import (
    BoardConfig,
    ConfigError,
    Orientation,
    SpeechEngine,
    load_info_lines,
    parse_desks,
)

TOKEN_ENV = "EENLOKET_BOARD_TOKEN"
log = logging.getLogger(__name__)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="eenloket board",
                                description="Show and announce the calls of one location.")
    p.add_argument("--server", required=True, help="the queue server, e.g. http://10.0.0.5:8000")
    p.add_argument("--token", default=None,
                   help=f"the board's device token (default: ${TOKEN_ENV}); a command line is "
                        "visible to every local user, so prefer --token-file or the environment")
    p.add_argument("--token-file", type=Path, default=None,
                   help="a file holding the token, e.g. a systemd credential")
    p.add_argument("--location", required=True, help="location code, e.g. kreupelstraat")
    p.add_argument("--desks", default=None, help="only these desks, e.g. 1,2,3")
    p.add_argument("--silent", action="store_true", help="no chime and no spoken calls")
    p.add_argument("--orientation", choices=[o.value for o in Orientation], default="auto")
    p.add_argument("--fullscreen", action="store_true")
    p.add_argument("--volume", type=int, default=80, help="percent (default 80)")
    p.add_argument("--voice", default="",
                   help="speech-dispatcher voice name, or espeak-ng variant such as f3")
    p.add_argument("--speech", choices=[e.value for e in SpeechEngine], default="auto",
                   help="auto: speech-dispatcher if a sound server runs, else espeak-ng")
    p.add_argument("--no-chime", action="store_true")
    p.add_argument("--info-file", type=Path, default=None,
                   help="TOML with [[line]] nl = ... en = ... information lines")
    return p


def read_token(args: argparse.Namespace, env: dict[str, str]) -> str:
    """--token, else the --token-file's contents, else the environment."""
    if args.token:
        return str(args.token)
    if args.token_file is not None:
        try:
            return str(args.token_file.read_text(encoding="utf-8").strip())
        except OSError as exc:
            raise ConfigError(f"cannot read the token file {args.token_file}: {exc}") from exc
    return env.get(TOKEN_ENV, "")


def config_from_args(args: argparse.Namespace, env: dict[str, str]) -> BoardConfig:
    return BoardConfig(
        server=args.server,
        token=read_token(args, env),
        location=args.location,
        desks=parse_desks(args.desks) if args.desks else None,
        silent=args.silent,
        orientation=Orientation(args.orientation),
        fullscreen=args.fullscreen,
        volume=args.volume,
        voice=args.voice,
        speech=SpeechEngine(args.speech),
        chime=not args.no_chime,
        info=load_info_lines(args.info_file) if args.info_file else (),
    )


def main(argv: list[str] | None = None) -> int:
    """Run a board until its window closes; 2 for a configuration that cannot work."""
    args = parser().parse_args(argv)
    try:
        config = config_from_args(args, dict(os.environ))
    except ConfigError as exc:
        sys.stderr.write(f"eenloket board: {exc}\n")
        return 2
    logging.basicConfig(level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s %(message)s")
    from display_board.qt import QApplication
    from display_board.window import BoardWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    # systemd stops the board with SIGTERM: quit the event loop so the window closes and
    # the WebSocket is closed cleanly. (Python runs the handler at the board's next clock
    # tick, within a second.)
    for stop in (signal.SIGTERM, signal.SIGINT):
        signal.signal(stop, lambda _signum, _frame: app.quit())
    window = BoardWindow(config)
    if config.fullscreen:
        window.showFullScreen()
    else:
        window.resize(1280, 720)
        window.show()
    log.info("board for %s started", config.location)
    status = app.exec()
    window.close()
    return status


if __name__ == "__main__":
    raise SystemExit(main())
