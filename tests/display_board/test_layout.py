"""Sizes from the screen: big enough to read from 10 m, and everything fits."""

from __future__ import annotations

import pytest

from display_board.config import Orientation
from display_board.layout import board_layout

SCREENS = [(1920, 1080), (1080, 1920), (1280, 720), (3840, 2160), (768, 1366)]


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_everything_fits_on_the_screen(width: int, height: int) -> None:
    layout = board_layout(width, height, categories=7)
    body = (height - 2 * layout.margin - layout.header_height - layout.footer_height
            - 2 * layout.spacing)
    calls = layout.calls_height(layout.call_rows)
    queues = layout.queues_height(layout.category_rows)
    if layout.portrait:
        assert calls + layout.spacing + queues <= body
    else:
        assert max(calls, queues) <= body
    assert layout.call_rows >= 2
    assert layout.category_rows == 7


def test_full_hd_numbers_are_sized_for_ten_metres() -> None:
    # 17 % and 10 % of the short side: on a 55-inch Full HD TV (68.5 cm high) the newest
    # ticket's digits are about 8 cm tall, the other calls about 5 cm.
    for width, height in ((1920, 1080), (1080, 1920)):
        layout = board_layout(width, height)
        assert layout.hero_px == 184
        assert layout.row_px == 108
        assert layout.count_px >= 55


def test_portrait_shows_more_calls_than_landscape() -> None:
    landscape = board_layout(1920, 1080, categories=6)
    portrait = board_layout(1080, 1920, categories=6)
    assert not landscape.portrait and portrait.portrait
    assert portrait.call_rows > landscape.call_rows


def test_the_orientation_can_be_forced() -> None:
    assert board_layout(1920, 1080, Orientation.PORTRAIT).portrait
    assert not board_layout(1080, 1920, Orientation.LANDSCAPE).portrait


def test_a_window_without_size_is_refused() -> None:
    with pytest.raises(ValueError, match="size"):
        board_layout(0, 1080)
