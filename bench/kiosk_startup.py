"""Start-up time of the kiosk: from starting the process to the first screen.

The parent starts a live queue server on loopback and then, several times, a fresh kiosk
process (offscreen). The child imports only what ``eenloket kiosk`` imports, builds the
window and says when the window is painted and when the start screen is complete (the
catalogue arrived); the parent times both from just before it started the process. The
child also reports its resident memory then: the kiosk alone, without the server that the
soak benchmark runs in its own process.

    .venv/bin/python -m bench.kiosk_startup            # 5 starts
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path


def child(server_url: str, token: str) -> None:
    """The kiosk process: prints "painted" and "ready" as each happens."""
    from kiosk.config import KioskConfig
    from kiosk.qt import QApplication, QEventLoop, QTimer
    from kiosk.window import KioskWindow

    app = QApplication([])
    config = KioskConfig(server_url=server_url, token=token, speech_engine="mock",
                         fullscreen=False)
    window = KioskWindow(config)
    window.show()
    window.repaint()
    print("painted", flush=True)
    loop = QEventLoop()
    window.controller.changed.connect(
        lambda: loop.quit() if window.model.catalogue is not None else None)
    QTimer.singleShot(15_000, loop.quit)
    if window.model.catalogue is None:
        loop.exec()
    window.repaint()
    print("ready" if window.model.catalogue is not None else "timeout", flush=True)
    # Read here, not through bench.kiosk_support: that imports the server too.
    status = Path("/proc/self/status").read_text().splitlines()
    print(next(f"rss {line.split()[1]}" for line in status if line.startswith("VmRSS:")),
          flush=True)
    window.close()
    app.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--child", nargs=2, metavar=("URL", "TOKEN"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    from bench.kiosk_support import hall

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    painted, ready, rss = [], [], []
    with hall() as place:
        token = place.server.provisioned.tokens["kiosk-1"]
        for _ in range(args.starts):
            started = time.perf_counter()
            process = subprocess.Popen(
                [sys.executable, "-m", "bench.kiosk_startup", "--child", place.server.url,
                 token], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
            assert process.stdout is not None
            for line in process.stdout:
                if line.strip() == "painted":
                    painted.append((time.perf_counter() - started) * 1000)
                elif line.strip() == "ready":
                    ready.append((time.perf_counter() - started) * 1000)
                elif line.startswith("rss "):
                    rss.append(int(line.split()[1]) / 1024)
            process.wait(timeout=60)
    for name, values in (("process start to window painted", painted),
                         ("process start to start screen with catalogue", ready)):
        print(f"{name}: median {statistics.median(values):.0f} ms, "
              f"min {min(values):.0f} ms, max {max(values):.0f} ms (n={len(values)})")
    print(f"kiosk process RSS at the first screen: median {statistics.median(rss):.1f} MiB")


if __name__ == "__main__":
    main()
