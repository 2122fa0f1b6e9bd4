"""Golden bytes: the exact ESC/POS a text-mode ticket sends, per layout.

A change in these bytes changes what every kiosk prints, so it has to be deliberate. To accept
new bytes after checking them on paper, run once with ``EENLOKET_REGENERATE_GOLDEN=1``: the
files are rewritten and the tests fail, so regeneration is never silent, then run again.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from printers.layout import QrMode, TextMode, build_ticket
from printers.profiles import PROFILES, get_profile
from printers.ticket import TicketContent

GOLDEN = Path(__file__).parent / "golden"
REGENERATE = os.environ.get("EENLOKET_REGENERATE_GOLDEN") == "1"

ESC_T = b"\x1bt"
GS_K_PRINT = b"\x1d(k\x03\x001Q0"
GS_V0 = b"\x1dv0"
PARTIAL_CUT, FULL_CUT = b"\x1dV\x01", b"\x1dV\x00"

CASES = [(name, "nl") for name in PROFILES] + [("tm-t88v", "pl"), ("tm-t88v", "tr")]


@pytest.mark.parametrize(("profile_name", "language"), CASES)
def test_ticket_bytes_match_golden_file(make_ticket: Callable[..., TicketContent],
                                        profile_name: str, language: str) -> None:
    ticket = build_ticket(make_ticket(language), get_profile(profile_name))
    golden = GOLDEN / f"{profile_name}-{language}.bin"
    if REGENERATE:
        golden.write_bytes(ticket.payload)
        pytest.fail(f"rewrote {golden.name}; run again without EENLOKET_REGENERATE_GOLDEN")
    assert golden.exists(), f"{golden} is missing: create it with EENLOKET_REGENERATE_GOLDEN=1"
    assert ticket.payload == golden.read_bytes()


def test_dutch_letters_and_euro_use_code_page_858(
        make_ticket: Callable[..., TicketContent]) -> None:
    content = make_ticket(services=("Café-vergunning ëïü: € 12,50",))
    ticket = build_ticket(content, get_profile("tm-t88v"))
    assert ticket.text_mode is TextMode.TEXT
    assert ticket.code_page == "CP858"
    assert ticket.payload.startswith(b"\x1b@" + ESC_T + bytes([19]))  # ESC t 19 = PC858
    assert b"- Caf\x82-vergunning \x89\x8b\x81: \xd5 12,50\n" in ticket.payload
    assert b"?" not in ticket.payload.replace(b"?k=", b"")


@pytest.mark.parametrize(("language", "page", "slot", "sample"), [
    ("pl", "CP852", 18, "Wniosek o paszport".encode("cp852")),
    ("tr", "CP857", 13, "Geliş nedeniniz:".encode("cp857")),
])
def test_other_latin_languages_switch_code_page(make_ticket: Callable[..., TicketContent],
                                                language: str, page: str, slot: int,
                                                sample: bytes) -> None:
    ticket = build_ticket(make_ticket(language), get_profile("tm-t88v"))
    assert (ticket.text_mode, ticket.code_page) == (TextMode.TEXT, page)
    assert ESC_T + bytes([slot]) in ticket.payload
    assert sample in ticket.payload


def test_native_qr_carries_the_link_and_the_paper_is_cut_partially(
        make_ticket: Callable[..., TicketContent]) -> None:
    content = make_ticket()
    ticket = build_ticket(content, get_profile("tm-t88v"))
    assert ticket.qr_mode is QrMode.NATIVE
    url = content.status_url.encode()
    store = b"\x1d(k" + (len(url) + 3).to_bytes(2, "little") + b"1P0" + url
    assert store in ticket.payload
    assert GS_K_PRINT in ticket.payload
    assert GS_V0 not in ticket.payload
    assert ticket.payload.endswith(PARTIAL_CUT)


def test_image_qr_when_the_printer_has_no_qr_firmware(
        make_ticket: Callable[..., TicketContent]) -> None:
    content = make_ticket()
    ticket = build_ticket(content, get_profile("generic-80"))
    assert ticket.qr_mode is QrMode.IMAGE
    assert GS_V0 in ticket.payload
    assert GS_K_PRINT not in ticket.payload
    assert content.status_url.encode() not in ticket.payload
    assert ticket.payload.endswith(FULL_CUT)


def test_printer_without_cutter_feeds_instead(make_ticket: Callable[..., TicketContent]) -> None:
    ticket = build_ticket(make_ticket(), get_profile("pos-5890"))
    assert b"\x1dV" not in ticket.payload
    assert ticket.payload.endswith(b"\x1bd\x05")


@pytest.mark.parametrize("profile_name", ["tm-t88v", "pos-5890"])
def test_ticket_number_is_printed_at_the_profiles_scale(
        make_ticket: Callable[..., TicketContent], profile_name: str) -> None:
    profile = get_profile(profile_name)
    ticket = build_ticket(make_ticket(), profile)
    scale = profile.number_scale - 1
    assert b"\x1d!" + bytes([scale << 4 | scale]) in ticket.payload  # GS ! width|height


def test_long_lines_are_wrapped_to_the_paper(make_ticket: Callable[..., TicketContent]) -> None:
    long_service = "Vergunning aanvragen voor een evenement in de openbare ruimte van de stad"
    profile = get_profile("pos-5890")
    payload = build_ticket(make_ticket(services=(long_service,)), profile).payload
    lines = payload.split(b"\n")
    first = next(i for i, line in enumerate(lines) if b"- Vergunning" in line)
    rows = [lines[first][lines[first].index(b"- Vergunning"):]]
    rows += [line for line in lines[first + 1:first + 4] if line.startswith(b"  ")]
    assert b" ".join(r.strip() for r in rows).removeprefix(b"- ") == long_service.encode()
    assert len(rows) == 3
    assert all(len(row) <= profile.columns for row in rows)
