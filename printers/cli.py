"""``eenloket print-test``: print a sample ticket to a printer and to a preview folder.

Exit status: 0 printed, 1 the printer could not print (the reason is on stderr), 2 the
command line or printer URL is wrong.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from eenloket_i18n import LANGUAGES, translate
from printers.errors import PrinterConfigError, PrinterError, PrinterNotReady
from printers.printer import printer_status
from printers.profiles import PROFILES
from printers.sample import SAMPLE_URL, default_preview_folder, print_test


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eenloket print-test",
        description="Print a sample ticket to a printer and save its preview (PNG and bytes).",
    )
    parser.add_argument("--printer", required=True, metavar="URL",
                        help="tcp://HOST[:PORT], usb://VVVV:PPPP, serial:///dev/ttyX, "
                             "file:///dev/usb/lp0 or preview:///folder")
    parser.add_argument("--profile", choices=sorted(PROFILES),
                        help="printer model (default: the URL's ?profile=, else tm-t88v)")
    parser.add_argument("--language", choices=LANGUAGES, default="nl")
    parser.add_argument("--preview", type=Path, metavar="DIR",
                        help=f"folder for the preview (default: {default_preview_folder()})")
    parser.add_argument("--logo", type=Path, metavar="PNG", help="the municipality's logo")
    parser.add_argument("--url", default=SAMPLE_URL, help="the link in the QR code")
    parser.add_argument("--no-status-check", action="store_true",
                        help="print even if the printer reports a problem")
    parser.add_argument("--status-only", action="store_true",
                        help="only ask the printer's status (at most 2 seconds)")
    return parser


def print_test_main(argv: list[str] | None = None) -> int:
    """Run ``eenloket print-test`` with ``argv`` (default: ``sys.argv[1:]``)."""
    parser = _parser()
    args = parser.parse_args(argv)
    out, err = sys.stdout, sys.stderr
    try:
        if args.status_only:
            status = printer_status(args.printer)
            out.write(f"{status.value}: {translate(f'printers.status.{status.value}', 'en')}\n")
            return 0
        logo = _load_logo(args.logo) if args.logo else None
        result = print_test(
            args.printer, now=datetime.now(UTC), language=args.language,
            preview_folder=args.preview, profile=args.profile, logo=logo,
            check_status=not args.no_status_check, status_url=args.url,
        )
    except PrinterConfigError as exc:
        err.write(f"eenloket print-test: {exc}\n")
        return 2
    except PrinterNotReady as exc:
        err.write(f"eenloket print-test: not printed: "
                  f"{translate(f'printers.status.{exc.status.value}', 'en')}\n")
        return 1
    except PrinterError as exc:
        err.write(f"eenloket print-test: not printed: {exc}\n")
        return 1
    preview = result.preview
    out.write(f"preview: {', '.join(str(p) for p in preview.files)}\n")
    if result.printer is not None:
        receipt = result.printer
        before = result.status.value if result.status else "unknown"
        out.write(f"printed {receipt.ticket_number} to {args.printer}: {receipt.bytes_sent} bytes, "
                  f"text as {receipt.text_mode.value}, QR as {receipt.qr_mode.value} "
                  f"(status before printing: {before})\n")
    return 0


def _load_logo(path: Path) -> Image.Image:
    try:
        with Image.open(path) as image:
            image.load()
            return image
    except (OSError, UnidentifiedImageError) as exc:
        raise PrinterConfigError(f"cannot read logo {path}: {exc}") from exc


if __name__ == "__main__":
    sys.exit(print_test_main())
