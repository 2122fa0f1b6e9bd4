"""Sizes on the kiosk's screen: touch targets of real size, low reach, paging."""

from __future__ import annotations

import pytest

from kiosk.config import Orientation
from kiosk.layout import LOW_REACH_TOP, metrics, min_target_px, paginate
from kiosk.model import Modes


@pytest.mark.parametrize(("dpi", "pixels"), [(69, 44), (96, 44), (102, 47), (160, 74)])
def test_minimum_target_keeps_its_physical_size(dpi: float, pixels: int) -> None:
    assert min_target_px(dpi) == pixels


@pytest.mark.parametrize("orientation", list(Orientation))
@pytest.mark.parametrize("modes", [Modes(), Modes(large_text=True, low_reach=True)])
@pytest.mark.parametrize("dpi", [69.0, 102.0])  # 32 and 21.5 inch kiosk screens
def test_every_size_respects_the_minimum(orientation: Orientation, modes: Modes,
                                         dpi: float) -> None:
    m = metrics(orientation, modes, dpi)
    assert m.button_height >= m.min_target and m.tile_height >= m.min_target
    assert m.controls_height > 2 * m.button_height
    if modes.low_reach:
        assert m.controls_top >= LOW_REACH_TOP * m.height


def test_large_text_is_larger_and_low_reach_is_lower() -> None:
    plain = metrics(Orientation.PORTRAIT, Modes(), 96)
    large = metrics(Orientation.PORTRAIT, Modes(large_text=True), 96)
    low = metrics(Orientation.PORTRAIT, Modes(low_reach=True), 96)
    assert large.text_px > plain.text_px and large.button_height > plain.button_height
    assert low.controls_top > plain.controls_top
    assert low.rows_that_fit(low.button_height) < plain.rows_that_fit(plain.button_height)


def test_paginate() -> None:
    items = list(range(7))
    first = paginate(items, 3, 0)
    assert list(first.items) == [0, 1, 2] and first.count == 3
    assert first.has_next and not first.has_previous
    last = paginate(items, 3, 99)
    assert list(last.items) == [6] and last.number == 2 and not last.has_next
    assert paginate([], 3, 0).count == 1
