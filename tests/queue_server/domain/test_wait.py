from __future__ import annotations

import pytest

from queue_server.domain.wait import estimate_wait_minutes, mean_service_minutes


def test_too_few_samples_use_the_planning_figure() -> None:
    assert mean_service_minutes([], 8.0) == 8.0
    assert mean_service_minutes([3.0, 5.0], 8.0) == 8.0


def test_recent_samples_replace_the_planning_figure() -> None:
    assert mean_service_minutes([4.0, 6.0, 8.0], 20.0) == pytest.approx(6.0)


def test_only_the_most_recent_twenty_count() -> None:
    samples = [100.0] * 10 + [5.0] * 20
    assert mean_service_minutes(samples, 8.0) == pytest.approx(5.0)


def test_estimate_spreads_the_work_ahead_over_capable_desks() -> None:
    assert estimate_wait_minutes(0, 2, 8.0) == pytest.approx(2.0)
    assert estimate_wait_minutes(3, 2, 8.0) == pytest.approx(14.0)


def test_no_capable_desk_means_unknown() -> None:
    assert estimate_wait_minutes(3, 0, 8.0) is None


def test_negative_queue_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="ahead"):
        estimate_wait_minutes(-1, 1, 8.0)
