"""Built-in printer profiles agree with python-escpos's model database."""

from __future__ import annotations

import pytest
from escpos.capabilities import get_profile as escpos_profile

from printers.errors import PrinterConfigError
from printers.profiles import PROFILES, CutMode, PrinterProfile, get_profile


@pytest.mark.parametrize("profile", PROFILES.values(), ids=lambda p: p.name)
def test_profile_matches_the_escpos_model(profile: PrinterProfile) -> None:
    model = escpos_profile(profile.escpos_profile)
    assert model.media["width"]["pixels"] == profile.dots
    assert model.get_columns("a") == profile.columns
    if profile.native_qr:
        assert model.supports("qrCode")
    if profile.cut is CutMode.PARTIAL:
        assert model.supports("paperPartCut")
    if profile.cut is CutMode.FULL:
        assert model.supports("paperFullCut")
    assert set(profile.text_code_pages) <= set(model.get_code_pages())


@pytest.mark.parametrize("profile", PROFILES.values(), ids=lambda p: p.name)
def test_ticket_number_fits_the_paper(profile: PrinterProfile) -> None:
    # Font A is 12 dots wide; four characters at the number's scale must fit.
    assert 4 * 12 * profile.number_scale <= profile.dots


def test_both_paper_widths_and_both_qr_kinds_are_covered() -> None:
    kinds = {(p.paper_mm, p.native_qr) for p in PROFILES.values()}
    assert kinds == {(58, True), (58, False), (80, True), (80, False)}


def test_unknown_profile_names_the_known_ones() -> None:
    with pytest.raises(PrinterConfigError, match="tm-t88v"):
        get_profile("tm-t99")


def test_impossible_profile_is_refused() -> None:
    with pytest.raises(PrinterConfigError, match="58 or 80"):
        PrinterProfile(name="x", paper_mm=76, dots=500, columns=40, escpos_profile="TM-T88V",
                       native_qr=True, cut=CutMode.FULL, text_code_pages=(), number_scale=4,
                       qr_module_dots=4)
