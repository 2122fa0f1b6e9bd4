"""The dashboard's HTTP side over a real server: access, statistics JSON and CSV, the live
overview and its alerts, and the per-clerk switch. Browser tests are in
test_dashboard_browser.py."""

from __future__ import annotations

import asyncio
import csv
import io
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import httpx
import pytest

from eenloket_wire.messages import WalkInIn
from queue_server.summaries import summarize_database
from tests.support import LOCATION, PASSWORD, LiveServer, Provisioned, SettableClock, utc
from tests.web.dashboard_support import NOW, S1, S2, SUMMER_DAY, WINTER_DAY, seed_known_visits

PERIOD = {"first": WINTER_DAY.isoformat(), "last": SUMMER_DAY.isoformat(),
          "location": LOCATION}


def signed_in(server: LiveServer, username: str = "manager") -> httpx.Client:
    """An unopened client that presents ``username``'s session as a bearer token."""
    body = httpx.post(f"{server.url}/api/v1/auth/login",
                      json={"username": username, "password": PASSWORD}).json()
    return httpx.Client(base_url=server.url, timeout=10,
                        headers={"Authorization": f"Bearer {body['token']}"})


@pytest.fixture
def known_server(provisioned: Provisioned) -> Iterator[LiveServer]:
    """The known visits of dashboard_support, and a server whose clock stands at NOW and
    whose housekeeping has summarised every closed day (as it has after its first night)."""
    asyncio.run(seed_known_visits(provisioned.database_url))
    summarize_database(provisioned.database_url, NOW)
    with LiveServer(provisioned, clock=SettableClock(NOW)) as live:
        yield live


def figures(view: Any) -> dict[str, Any]:
    return {f["key"]: f["value"] for f in view["figures"]}


def rows(view: Any, name: str) -> list[dict[str, Any]]:
    table = next(t for t in view["tables"] if t["name"] == name)
    keys = [c["key"] for c in table["columns"]]
    return [dict(zip(keys, row, strict=True)) for row in table["rows"]]


def test_the_page_and_its_assets_ship_with_the_server(server: LiveServer) -> None:
    with httpx.Client(base_url=server.url) as client:
        page = client.get("/dashboard?lang=en")
        assert page.status_code == 200
        assert "script-src 'self'" in page.headers["Content-Security-Policy"]
        assert '<html lang="en">' in page.text and "Sign in to the dashboard" in page.text
        assert "https://" not in page.text  # no CDN
        script = client.get("/dashboard/static/charts.js")
        assert script.status_code == 200 and "createElementNS" in script.text
        assert client.get("/dashboard/static/../routes_dashboard.py").status_code == 404
        assert client.get("/dashboard/static/nothing.js").status_code == 404


def test_statistics_are_for_managers_only(server: LiveServer) -> None:
    with httpx.Client(base_url=server.url) as anonymous:
        assert anonymous.get("/api/v1/stats/summary").status_code == 401
    with signed_in(server, "clerk1") as clerk:
        answer = clerk.get("/api/v1/stats/demand")
        assert (answer.status_code, answer.json()["error"]) == (403, "wrong_role")
        assert clerk.get("/api/v1/dashboard/overview").status_code == 403
    with signed_in(server, "admin") as admin:
        assert admin.get("/api/v1/stats/summary").status_code == 200


def test_summary_and_waiting_from_known_visits(known_server: LiveServer) -> None:
    # The winter day is summarised (queue_server.summaries), so medians and 90th percentiles
    # are estimated from 30-second bins: a wait of whole minutes sits at the top of its bin
    # and counts as 15 s less (the middle of the bin). Counts, shares and means stay exact.
    # Exact ranks: tests/queue_server/test_stats.py.
    with signed_in(known_server) as manager:
        summary = manager.get("/api/v1/stats/summary", params=PERIOD).json()
        assert figures(summary) == {
            "visits": 10, "appointment_share": 0.2, "within_norm": round(6 / 9, 4),
            # Exact: median (240 + 300) / 2 = 270, p90 540 + 0.3 × 180 = 594.
            "wait_median": 255.0, "wait_p90": 579.0,
            "no_shows": 3,  # V6 called but gone; appointments A3 and A7 never came
            "transfers_per_visit": round(1 / 6, 2), "first_desk_share": round(5 / 6, 4),
        }
        waiting = manager.get("/api/v1/stats/waiting", params={**PERIOD, "lang": "en"}).json()
        services = {r["service"]: r for r in rows(waiting, "services")}
        tax = services["Question about municipal taxes or WOZ value"]
        # Waits 240 420 540 count as 225 405 525: median 405, p90 405 + 0.8 × 120 = 501.
        assert (tax["visits"], tax["wait_median"], tax["wait_p90"]) == (5, 405.0, 501.0)
        # Service 360 600 900 count as 345 585 885: median 585, p90 585 + 0.8 × 300 = 825.
        assert (tax["questions"], tax["service_median"], tax["service_p90"]) == (3, 585.0, 825.0)
        assert rows(waiting, "handovers") == [{
            "skill": "General (front office)", "questions": 1, "wait_mean": 180.0,
            "wait_median": 165.0, "wait_p90": 165.0, "service_mean": 600.0,
            "service_median": 585.0, "service_p90": 585.0,
        }]
        punctuality = {r["arrival"]: r["visits"] for r in rows(waiting, "punctuality")}
        assert punctuality["5 to 15 min early"] == 1
        assert punctuality["On time (within 5 min)"] == 1
        outcomes = {r["outcome"]: r["visits"] for r in rows(waiting, "outcomes")}
        assert outcomes == {"Served": 6, "Did not come when called": 1,
                            "Appointment not kept": 2, "Too late, went on as walk-in": 1,
                            "Cancelled": 1, "Not called before closing": 1}


def test_demand_folds_summer_time_into_local_hours(known_server: LiveServer) -> None:
    with signed_in(known_server) as manager:
        demand = manager.get("/api/v1/stats/demand", params=PERIOD).json()
    per_hour = {r["hour"]: (r["visits"], r["appointments"]) for r in rows(demand, "per_hour")}
    # V9 checked in at 07:30 UTC in June: 09:30 local, with the winter visits at 09.
    assert per_hour == {"09:00": (5, 1), "10:00": (4, 1), "11:00": (1, 0)}
    heatmap = rows(demand, "heatmap")
    # Two open Mondays: 5 visits at nine make 2.5 a Monday.
    assert heatmap == [{"weekday": "maandag", "h09": 2.5, "h10": 2.0, "h11": 0.5}]
    assert [r["start"] for r in rows(demand, "per_week")] == ["2025-03-10", "2025-06-16"]


def test_filters_are_checked(known_server: LiveServer) -> None:
    with signed_in(known_server) as manager:
        only_tax = manager.get("/api/v1/stats/summary", params={**PERIOD, "service": S2}).json()
        assert figures(only_tax)["visits"] == 5
        burgerzaken = {**PERIOD, "department": "burgerzaken"}
        assert figures(manager.get("/api/v1/stats/summary", params=burgerzaken).json())[
            "visits"] == 5
        desk = manager.get("/api/v1/stats/summary", params={**PERIOD, "desk": 1}).json()
        assert figures(desk)["visits"] == 5
        bad = manager.get("/api/v1/stats/summary", params={"desk": 1})
        assert (bad.status_code, bad.json()["error"]) == (400, "desk_needs_location")
        assert manager.get("/api/v1/stats/summary",
                           params={"service": "no-such"}).status_code == 404
        backwards = manager.get("/api/v1/stats/summary",
                                params={"first": "2025-03-02", "last": "2025-03-01"})
        assert backwards.json()["error"] == "bad_period"
        mismatch = manager.get("/api/v1/stats/summary",
                               params={"department": "burgerzaken", "service": S2})
        assert mismatch.json()["error"] == "bad_filter"


def test_csv_of_a_table_and_of_the_visit_records(known_server: LiveServer) -> None:
    with signed_in(known_server) as manager:
        table = manager.get("/api/v1/stats/demand/per_hour.csv", params=PERIOD)
        assert table.headers["content-type"].startswith("text/csv")
        assert "attachment" in table.headers["content-disposition"]
        lines = list(csv.reader(io.StringIO(table.content.decode("utf-8-sig"))))
        assert lines == [["Uur", "Bezoekers", "Met afspraak", "Zonder afspraak",
                          "Gemiddeld per dag"],
                         ["09:00", "5", "1", "4", "2.5"], ["10:00", "4", "1", "3", "2.0"],
                         ["11:00", "1", "0", "1", "0.5"]]
        missing = manager.get("/api/v1/stats/demand/nothing.csv", params=PERIOD)
        assert missing.status_code == 404
        records = manager.get("/api/v1/stats/visits.csv", params=PERIOD)
    visits = list(csv.DictReader(io.StringIO(records.text)))
    assert len(visits) == 10
    assert not {"ticket", "name", "desk", "clerk"} & set(visits[0])
    v3 = next(v for v in visits if v["checked_in"] == "09:10:00")  # 08:10 UTC in winter
    assert (v3["first_service"], v3["department"], v3["wait_seconds"]) == (
        S2, "belastingen", "240")
    assert (v3["questions"], v3["transfers"], v3["desk_seconds"], v3["outcome"]) == (
        "2", "1", "960", "resolved")
    v4 = next(v for v in visits if v["kind"] == "appointment" and v["wait_seconds"] == "180")
    assert (v4["appointment_time"], v4["first_service"]) == ("09:30", S1)
    assert visits[-1]["outcome"] == "open"  # V11 still waits


def test_figures_per_clerk_only_when_switched_on(
    known_server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    with signed_in(known_server) as manager:
        off = manager.get("/api/v1/stats/clerks", params=PERIOD)
        assert (off.status_code, off.json()["error"]) == (403, "per_clerk_off")
        assert manager.get("/api/v1/dashboard/setup").json()["per_clerk"] is False
        monkeypatch.setenv("EENLOKET_STATS_PER_CLERK", "true")
        assert manager.get("/api/v1/dashboard/setup").json()["per_clerk"] is True
        clerks = {r["clerk"]: r for r in rows(
            manager.get("/api/v1/stats/clerks", params=PERIOD).json(), "clerks")}
    assert (clerks["Clerk1"]["questions"], clerks["Clerk1"]["service_median"]) == (4, 540.0)
    assert (clerks["Clerk2"]["questions"], clerks["Clerk2"]["transferred_share"]) == (
        3, round(1 / 3, 4))


def overview(client: httpx.Client) -> Any:
    return client.get("/api/v1/dashboard/overview",
                      params={"location": LOCATION, "lang": "en"}).json()


def alerts(data: Any) -> dict[str, Any]:
    location = data["locations"][0]
    return {a["kind"] + ":" + a["key"].split(":")[1]: a for a in location["alerts"]}


def test_overview_follows_the_hall_and_raises_alerts(provisioned: Provisioned) -> None:
    clock = SettableClock(utc(2026, 3, 2, 8, 0))  # a Monday, 09:00 in Groningen
    with (LiveServer(provisioned, clock=clock) as live, signed_in(live) as manager,
          live.client("kiosk-1") as kiosk, live.clerk("clerk1") as clerk):
        first = overview(manager)
        assert set(alerts(first)) == {"offline:kiosk-1", "offline:board-1"}  # never seen
        kiosk.report_printer(LOCATION, "paper_out")
        ticket = kiosk.walk_in(LOCATION, WalkInIn(services=[S1]), "dashboard-test-1")
        data = overview(manager)
        found = alerts(data)
        assert found["printer:kiosk-1"]["severity"] == "critical"
        assert "paper is out" in str(found["printer:kiosk-1"]["message"])
        assert "offline:kiosk-1" not in found
        # What changes next by time alone: the kiosk falls silent at 08:05 …
        assert data["next_change_at"] == "2026-03-02T08:05:00Z"
        clock.advance(minutes=4)
        kiosk.report_printer(LOCATION, "paper_out")
        # … now reported at 08:04, so first the walk-in reaches 80 % of the norm at 08:08.
        assert overview(manager)["next_change_at"] == "2026-03-02T08:08:00Z"
        clock.advance(minutes=4)
        assert "norm_at_risk:norm_at_risk" in alerts(overview(manager))
        clock.advance(minutes=3)
        kiosk.report_printer(LOCATION, "ready")
        kiosk.ask_help(LOCATION, "en")
        found = alerts(overview(manager))
        assert "norm_exceeded:norm_exceeded" in found and "norm_at_risk:norm_at_risk" not in found
        assert "printer:kiosk-1" not in found
        assert str(found["help:" + LOCATION]["message"]).startswith("Help asked at kiosk-1")
        clock.advance(minutes=6)  # more than five minutes without a status: offline
        assert alerts(overview(manager))["offline:kiosk-1"]["severity"] == "critical"
        clerk.desk(LOCATION, 3, "open", {})
        clerk.desk(LOCATION, 3, "call-next")
        state = overview(manager)["locations"][0]
        desk = next(d for d in state["desks"] if d["number"] == 3)
        assert (desk["activity"], desk["ticket"]) == ("called", ticket.ticket)
        assert state["waiting"] == 0 and state["desks_open"] == 1
        assert state["today"]["visits"] == 1 and state["today"]["decided"] == 1
        assert state["today"]["within"] == 0  # called after 17 minutes


def test_staffing_puts_desks_needed_next_to_desks_open(provisioned: Provisioned) -> None:
    clock = SettableClock(utc(2026, 3, 2, 8, 0))
    with (LiveServer(provisioned, clock=clock) as live, live.client("kiosk-1") as kiosk,
          live.clerk("clerk1") as clerk):
        clerk.desk(LOCATION, 2, "open", {})
        for n in range(6):
            kiosk.walk_in(LOCATION, WalkInIn(services=[S1]), f"staffing-{n}")
        for _ in range(6):
            clerk.desk(LOCATION, 2, "call-next")
            clerk.desk(LOCATION, 2, "start")
            clock.advance(minutes=5)
            clerk.desk(LOCATION, 2, "finish", {"outcome": "resolved"})
        clock.advance(minutes=30)  # desk 2 open 09:00-10:00 local
        clerk.desk(LOCATION, 2, "close")
        clock.now += timedelta(hours=2)
        with signed_in(live) as manager:  # now: an earlier session would have timed out
            staffing = manager.get("/api/v1/stats/staffing",
                                   params={"location": LOCATION, "lang": "en"}).json()
    (hour,) = rows(staffing, "staffing")
    # Six visitors in one Monday hour, 5 minutes at the desk each: 0.5 Erlang; one desk
    # helps 1 - 0.5·e^(-(1-0.5)·10/5) = 81.6 % within 10 minutes, above the 80 % aimed for.
    assert (hour["weekday"], hour["hour"], hour["arrivals_per_hour"]) == ("Monday", "09:00", 6.0)
    assert (hour["desks_needed"], hour["desks_open"]) == (1, 1.0)
    assert figures(staffing)["desks_open_now"] == 0
