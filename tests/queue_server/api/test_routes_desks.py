"""Desk actions through the real server: the state machine's 409s, hand-overs, privacy."""

from __future__ import annotations

import uuid

import pytest

from eenloket_wire.client import ApiError, Client
from eenloket_wire.messages import TransferIn, WalkInIn
from tests.support import LOCATION, LiveServer, Provisioned, SettableClock, utc


def walk_in(kiosk: Client, *services: str) -> str:
    return kiosk.walk_in(LOCATION, WalkInIn(services=list(services)), str(uuid.uuid4())).ticket


def refused(call: object, *args: object, code: str = "illegal_transition") -> ApiError:
    assert callable(call)
    with pytest.raises(ApiError) as caught:
        call(*args)
    assert caught.value.status == 409, caught.value
    assert caught.value.code == code, caught.value
    return caught.value


def test_illegal_actions_are_409_with_a_reason(server: LiveServer) -> None:
    with server.client("kiosk-1") as kiosk, server.clerk() as clerk:
        refused(clerk.desk, LOCATION, 1, "call-next", code="desk_closed")
        clerk.desk(LOCATION, 1, "open")
        error = refused(clerk.desk, LOCATION, 1, "start", code="no_visitor")
        assert "desk 1 has no visitor called" in error.detail
        ticket = walk_in(kiosk, "uittreksel-brp")
        clerk.desk(LOCATION, 1, "call-next")
        refused(clerk.desk, LOCATION, 1, "call-next", code="desk_busy")
        error = refused(clerk.desk, LOCATION, 1, "finish", {"outcome": "resolved"})
        assert error.detail == (
            f"{ticket}: cannot finish: the visitor has been called but not started")
        refused(clerk.desk, LOCATION, 1, "pause", {"reason": "koffie"}, code="desk_busy")
        refused(clerk.desk, LOCATION, 1, "close", code="desk_busy")
        clerk.desk(LOCATION, 1, "start")
        refused(clerk.desk, LOCATION, 1, "recall")
        refused(clerk.desk, LOCATION, 1, "no-show")
        clerk.desk(LOCATION, 1, "finish", {"outcome": "follow_up"})
        after = clerk.desk(LOCATION, 1, "pause", {"reason": "koffie"})
        assert (after.desk.state, after.desk.pause_reason) == ("paused", "koffie")
        refused(clerk.desk, LOCATION, 1, "call-next", code="desk_paused")
        assert clerk.desk(LOCATION, 1, "resume").desk.state == "open"
        assert clerk.desk(LOCATION, 1, "close").desk.state == "closed"


def test_transfer_keeps_the_ticket_and_shows_the_note_to_the_next_desk(server: LiveServer) -> None:
    with server.client("kiosk-1") as kiosk, server.clerk("clerk1") as front, \
            server.clerk("clerk2") as specialist:
        front.desk(LOCATION, 1, "open", {"skills": ["algemeen"]})
        specialist.desk(LOCATION, 11, "open", {"skills": ["vergunningen"]})
        ticket = walk_in(kiosk, "andere-vraag-weet-ik-niet")
        assert specialist.desk(LOCATION, 11, "call-next").visit is None
        front.desk(LOCATION, 1, "call-next")
        front.desk(LOCATION, 1, "start")
        note = "Wil een dakkapel bouwen; tekening bij zich."
        after = front.transfer(LOCATION, 1, TransferIn(skill="vergunningen", note=note))
        assert after.visit is None
        called = specialist.desk(LOCATION, 11, "call-next")
    assert called.visit is not None and called.visit.ticket == ticket
    assert [t.outcome for t in called.visit.tasks] == ["transferred", None]
    assert called.visit.tasks[1].note == note
    assert called.visit.tasks[0].desk == 1


def test_transfer_to_a_desk_is_only_for_that_desk(server: LiveServer) -> None:
    with server.client("kiosk-1") as kiosk, server.clerk("clerk1") as one, \
            server.clerk("clerk2") as two, server.clerk("clerk3") as three:
        for clerk, desk in ((one, 1), (two, 2), (three, 3)):
            clerk.desk(LOCATION, desk, "open", {"skills": ["algemeen"]})
        walk_in(kiosk, "uittreksel-brp")
        one.desk(LOCATION, 1, "call-next")
        one.desk(LOCATION, 1, "start")
        one.transfer(LOCATION, 1, TransferIn(desk=3, skill="algemeen", note="vervolg"))
        assert two.desk(LOCATION, 2, "call-next").visit is None
        assert three.desk(LOCATION, 3, "call-next").visit is not None


def test_transfer_refuses_nonsense(server: LiveServer) -> None:
    with server.client("kiosk-1") as kiosk, server.clerk() as clerk:
        clerk.desk(LOCATION, 1, "open")
        walk_in(kiosk, "uittreksel-brp")
        clerk.desk(LOCATION, 1, "call-next")
        clerk.desk(LOCATION, 1, "start")
        for body, code in (({}, "no_target"), ({"skill": "vliegen"}, "unknown_skill"),
                           ({"desk": 1}, "same_desk"), ({"desk": 99}, "unknown_desk"),
                           ({"desk": 11}, "target_desk_closed"),
                           ({"desk": 10_000}, "invalid")):
            with pytest.raises(ApiError) as caught:
                clerk.desk(LOCATION, 1, "transfer", body)
            assert caught.value.code == code
            assert caught.value.status in (400, 404, 409, 422)
        with server.clerk("clerk2") as other:
            other.desk(LOCATION, 11, "open", {"skills": ["vergunningen"]})
            with pytest.raises(ApiError) as caught:
                clerk.desk(LOCATION, 1, "transfer", {"desk": 11, "skill": "belastingen"})
            assert caught.value.code == "skill_not_at_desk"
        with pytest.raises(ApiError) as caught:
            clerk.desk(LOCATION, 10_000_000_000_000_000_000)
        assert caught.value.status == 422


def test_a_skill_nobody_here_has_is_refused(provisioned: Provisioned) -> None:
    with LiveServer(provisioned) as server, server.client("haren-kiosk") as kiosk, \
            server.clerk() as clerk:
        clerk.desk("haren", 1, "open")
        kiosk.walk_in("haren", WalkInIn(services=["uittreksel-brp"]), str(uuid.uuid4()))
        clerk.desk("haren", 1, "call-next")
        clerk.desk("haren", 1, "start")
        with pytest.raises(ApiError) as caught:
            clerk.desk("haren", 1, "transfer", {"skill": "vergunningen"})
        assert (caught.value.status, caught.value.code) == (400, "skill_not_at_location")


def test_closing_a_desk_frees_the_visitors_handed_to_it(server: LiveServer) -> None:
    with server.client("kiosk-1") as kiosk, server.clerk("clerk1") as one, \
            server.clerk("clerk2") as two, server.clerk("clerk3") as three:
        for clerk, desk in ((one, 1), (two, 2), (three, 3)):
            clerk.desk(LOCATION, desk, "open", {"skills": ["algemeen"]})
        ticket = walk_in(kiosk, "uittreksel-brp")
        one.desk(LOCATION, 1, "call-next")
        one.desk(LOCATION, 1, "start")
        one.transfer(LOCATION, 1, TransferIn(desk=3, note="vervolg"))
        three.desk(LOCATION, 3, "close")
        called = two.desk(LOCATION, 2, "call-next")
    assert called.visit is not None and called.visit.ticket == ticket


def test_signing_out_closes_an_idle_desk(server: LiveServer) -> None:
    with server.clerk("clerk1") as one, server.clerk("clerk2") as two:
        one.desk(LOCATION, 1, "open")
        one.request("POST", "/api/v1/auth/logout")
        assert two.desk(LOCATION, 1, "open").desk.state == "open"


def test_desks_left_open_close_overnight(provisioned: Provisioned) -> None:
    clock = SettableClock(utc(2026, 11, 30, 15, 0))
    with LiveServer(provisioned, clock=clock) as server, server.clerk("clerk1") as one:
        one.desk(LOCATION, 1, "open")
    clock.advance(hours=18)
    with LiveServer(provisioned, clock=clock) as server, server.clerk("clerk2") as two:
        assert two.desk(LOCATION, 1).desk.state == "closed"
        assert two.desk(LOCATION, 1, "open").desk.state == "open"


def test_the_reason_gives_the_appointment_in_local_time(provisioned: Provisioned) -> None:
    clock = SettableClock(utc(2026, 11, 30, 9, 25))  # 10:25 in Groningen
    with LiveServer(provisioned, clock=clock) as server, server.client("booking") as booking, \
            server.client("kiosk-1") as kiosk, server.clerk() as clerk:
        booking.request("POST", "/api/v1/appointments", json={
            "booking_code": "LOCAL-1", "location": LOCATION, "service": "uittreksel-brp",
            "starts_at": "2026-11-30T10:30:00+01:00"})
        kiosk.request("POST", f"/api/v1/locations/{LOCATION}/check-in/appointment",
                      json={"booking_code": "LOCAL-1"})
        clerk.desk(LOCATION, 1, "open")
        called = clerk.desk(LOCATION, 1, "call-next")
    assert called.visit is not None and "appointment at 10:30" in called.visit.reason


def test_a_second_question_queues_after_the_first(server: LiveServer) -> None:
    with server.client("kiosk-1") as kiosk, server.clerk("clerk1") as front, \
            server.clerk("clerk2") as parking:
        front.desk(LOCATION, 1, "open", {"skills": ["algemeen"]})
        parking.desk(LOCATION, 6, "open", {"skills": ["parkeren"]})
        ticket = walk_in(kiosk, "uittreksel-brp", "parkeervergunning-aanvragen")
        assert parking.desk(LOCATION, 6, "call-next").visit is None
        front.desk(LOCATION, 1, "call-next")
        front.desk(LOCATION, 1, "start")
        front.desk(LOCATION, 1, "finish", {"outcome": "resolved"})
        second = parking.desk(LOCATION, 6, "call-next")
    assert second.visit is not None and second.visit.ticket == ticket
    assert second.visit.current_task == 1


def test_call_a_ticket_by_number_and_the_race_message(server: LiveServer) -> None:
    with server.client("kiosk-1") as kiosk, server.clerk("clerk1") as one, \
            server.clerk("clerk2") as two:
        one.desk(LOCATION, 1, "open")
        two.desk(LOCATION, 2, "open")
        walk_in(kiosk, "uittreksel-brp")
        wanted = walk_in(kiosk, "uittreksel-brp")
        called = one.desk(LOCATION, 1, "call-ticket", {"ticket": wanted})
        assert called.visit is not None and called.visit.ticket == wanted
        error = refused(two.desk, LOCATION, 2, "call-ticket", {"ticket": wanted},
                        code="already_called")
        assert error.detail == f"{wanted} is already called by desk 1"
        with pytest.raises(ApiError) as caught:
            two.desk(LOCATION, 2, "call-ticket", {"ticket": "Z999"})
        assert caught.value.status == 404


def test_requeue_keeps_the_place_and_no_show_closes(server: LiveServer) -> None:
    with server.client("kiosk-1") as kiosk, server.clerk() as clerk:
        clerk.desk(LOCATION, 1, "open")
        first = walk_in(kiosk, "uittreksel-brp")
        walk_in(kiosk, "uittreksel-brp")
        clerk.desk(LOCATION, 1, "call-next")
        clerk.desk(LOCATION, 1, "requeue")
        again = clerk.desk(LOCATION, 1, "call-next")
        assert again.visit is not None and again.visit.ticket == first
        clerk.desk(LOCATION, 1, "recall")
        gone = clerk.desk(LOCATION, 1, "no-show")
        assert gone.visit is None
        nxt = clerk.desk(LOCATION, 1, "call-next")
        assert nxt.visit is not None and nxt.visit.ticket != first


def test_desks_are_personal_while_open(server: LiveServer) -> None:
    with server.clerk("clerk1") as one, server.clerk("clerk2") as two, \
            server.clerk("manager") as manager:
        one.desk(LOCATION, 1, "open")
        refused(two.desk, LOCATION, 1, "open", code="desk_in_use")
        refused(two.desk, LOCATION, 1, "call-next", code="not_your_desk")
        assert manager.desk(LOCATION, 1, "pause", {"reason": "overleg"}).desk.state == "paused"


def test_open_desk_checks_the_skills(server: LiveServer) -> None:
    with server.clerk() as clerk:
        for skills, code in ((["vergunningen"], "skills_not_at_desk"), ([], "no_skills")):
            with pytest.raises(ApiError) as caught:
                clerk.desk(LOCATION, 1, "open", {"skills": skills})
            assert (caught.value.status, caught.value.code) == (400, code)
        with pytest.raises(ApiError) as caught:
            clerk.desk(LOCATION, 42, "open")
        assert caught.value.status == 404


def test_waiting_counts_show_no_tickets_or_names(server: LiveServer) -> None:
    with server.client("kiosk-1") as kiosk, server.clerk() as clerk:
        clerk.desk(LOCATION, 6, "open", {"skills": ["algemeen", "parkeren"]})
        walk_in(kiosk, "bezoekersparkeren")
        walk_in(kiosk, "parkeervergunning-aanvragen")
        status = clerk.desk(LOCATION, 6)
    counts = {q.skill: q.waiting for q in status.waiting}
    assert counts == {"algemeen": 1, "parkeren": 1}
    assert "P00" not in status.model_dump_json()


def test_another_clerk_does_not_see_my_visitor(server: LiveServer) -> None:
    with server.client("kiosk-1") as kiosk, server.clerk("clerk1") as mine, \
            server.clerk("clerk2") as other, server.clerk("manager") as manager:
        mine.desk(LOCATION, 1, "open")
        ticket = walk_in(kiosk, "uittreksel-brp")
        mine.desk(LOCATION, 1, "call-next")
        assert other.desk(LOCATION, 1).visit is None
        assert other.desk(LOCATION, 1).desk.ticket == ticket
        seen = manager.desk(LOCATION, 1).visit
        assert seen is not None and seen.ticket == ticket
