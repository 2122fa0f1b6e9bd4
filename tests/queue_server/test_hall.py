from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from queue_server.domain.catalogue import GENERAL_SKILL, DeskKind
from queue_server.hall import DEMO_HALL, HallConfigError, load_hall, parse_hall


def test_demo_hall_matches_the_shared_catalogue() -> None:
    hall = load_hall(DEMO_HALL)
    assert len(hall.services) == 29
    assert {loc.code for loc in hall.locations} == {"kreupelstraat", "haren"}
    kreupelstraat = hall.desks_at("kreupelstraat")
    kinds = [d.kind for d in kreupelstraat]
    assert kinds.count(DeskKind.GENERALIST) >= 5 and kinds.count(DeskKind.SPECIALIST) >= 5
    # Every skill a service needs is offered by some desk at Kreupelstraat.
    offered = frozenset().union(*(d.skills for d in kreupelstraat))
    assert {s.skill for s in hall.services} <= offered
    assert hall.service("andere-vraag-weet-ik-niet").skill == GENERAL_SKILL


def _minimal() -> dict[str, Any]:
    return {
        "locations": [{"code": "x", "name": "X"}],
        "departments": [{"code": "d", "name_nl": "D", "name_en": "D", "letter": "A"}],
        "services": [{"code": "s", "department": "d", "name_nl": "S", "name_en": "S",
                      "skill": "algemeen", "typical_minutes": 5}],
        "desks": [{"location": "x", "number": 1, "kind": "generalist", "skills": ["algemeen"]}],
    }


def test_a_minimal_hall_parses() -> None:
    hall = parse_hall(_minimal())
    assert hall.walk_in_target_minutes == 10 and hall.appointment_target_minutes == 5


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda h: h["services"][0].update(department="nope"), "unknown department"),
        (lambda h: h["desks"][0].update(location="nope"), "unknown location"),
        (lambda h: h["desks"].append(dict(h["desks"][0])), "listed twice"),
        (lambda h: h["desks"][0].update(skills=["flying"]), "unknown skills"),
        (lambda h: h["services"][0].update(typical_minutes=0), "must be > 0"),
        (lambda h: h["services"][0].update(checkin_late_minutes=-5), "check-in minutes"),
        (lambda h: h["services"][0].update(skill="x"), "general service"),
        (lambda h: h["services"][0].pop("skill"), "missing 'skill'"),
        (lambda h: h.update(locations=[]), "no locations"),
        (lambda h: h.update(norms={"walk_in_minutes": 7.25}), "whole or half minute"),
        (lambda h: h.update(norms={"appointment_minutes": 45}), "whole or half minute"),
        (lambda h: h.update(norms={"appointment_minutes": 0}), "whole or half minute"),
    ],
)
def test_contradictions_are_reported(mutate: Any, message: str) -> None:
    hall = _minimal()
    mutate(hall)
    with pytest.raises(HallConfigError, match=message):
        parse_hall(hall)


def test_an_unreadable_file_is_a_config_error(tmp_path: Path) -> None:
    bad = tmp_path / "hall.toml"
    bad.write_text("[[locations]\n", encoding="utf-8")
    with pytest.raises(HallConfigError, match="cannot read"):
        load_hall(bad)
