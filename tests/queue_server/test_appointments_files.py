"""Reading appointment files (CSV and iCalendar) into records: pure, no database."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from queue_server.errors import BadRequest
from queue_server.services.appointment_files import Record, Rejection, parse, unfold

AMS = ZoneInfo("Europe/Amsterdam")


def test_csv_with_commas_and_an_offset() -> None:
    records, rejected = parse(
        "booking_code,location,service,starts_at,name,contact,language\n"
        "AB-1234,kreupelstraat,uittreksel-brp,2026-12-01T10:30:00+01:00,Piet,p@x.nl,EN\n"
    )
    assert rejected == []
    assert records == [Record(
        line=2, booking_code="AB-1234", location_hints=("kreupelstraat",),
        service_hints=("uittreksel-brp",),
        starts_at=datetime(2026, 12, 1, 10, 30, tzinfo=datetime.fromisoformat(
            "2026-12-01T10:30:00+01:00").tzinfo),
        name="Piet", contact="p@x.nl", language="en")]


def test_dutch_spreadsheet_csv_semicolons_local_times_and_quoted_line_breaks() -> None:
    text = (
        "\ufeffBooking_Code;Location;Service;Starts_At;Name;Status\r\n"
        'AB-1;haren;rijbewijs-ophalen;01-12-2026 09:15;"Jan\r\nde Vries";\r\n'
        "\r\n"
        "AB-2;haren;rijbewijs-ophalen;1 december;;\r\n"
        "AB-3;haren;rijbewijs-ophalen;2026-12-01 11:00;;Geannuleerd\r\n"
        "AB-4;haren;rijbewijs-ophalen;2026-12-01 11:00;;;extra\r\n"
    )
    records, rejected = parse(text)
    assert [(r.line, r.booking_code, r.starts_at, r.name, r.cancelled) for r in records] == [
        (2, "AB-1", datetime(2026, 12, 1, 9, 15), "Jan\r\nde Vries", False),
        (6, "AB-3", datetime(2026, 12, 1, 11, 0), "", True),
    ]
    assert [r.line for r in rejected] == [5, 7]
    assert "cannot read the time '1 december'" in rejected[0].reason
    assert rejected[1].reason == "7 fields, the header has 6"


@pytest.mark.parametrize(("text", "detail"), [
    ("", "the file is empty"),
    ("booking_code,location,starts_at\nX,y,z\n", "missing columns: service"),
])
def test_unusable_csv_files_are_refused_whole(text: str, detail: str) -> None:
    with pytest.raises(BadRequest) as caught:
        parse(text)
    assert caught.value.detail == detail


ICS = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Booking system//NL\r
BEGIN:VTIMEZONE\r
TZID:W. Europe Standard Time\r
BEGIN:STANDARD\r
DTSTART:16010101T030000\r
END:STANDARD\r
END:VTIMEZONE\r
BEGIN:VEVENT\r
UID:GR-2026-0001@afspraken.groningen.example\r
DTSTART;TZID=W. Europe Standard Time:20261201T103000\r
SUMMARY:Paspoort of ID-kaart ophalen\r
LOCATION:Gemeente Groningen\\, Kreupelstraat 1\r
ATTENDEE;CN="Jansen, Piet";ROLE=REQ-PARTICIPANT:mailto:piet.jansen@exam\r
 ple.org\r
BEGIN:VALARM\r
ACTION:DISPLAY\r
DESCRIPTION:Herinnering\r
SUMMARY:not the service\r
END:VALARM\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:9f0e1c2a-5b6d-4e3f-8a9b-0c1d2e3f4a5b-this-is-far-too-long@x\r
X-EENLOKET-BOOKING-CODE:GR-0002\r
X-EENLOKET-SERVICE:rijbewijs-ophalen\r
X-EENLOKET-LOCATION:haren\r
X-EENLOKET-LANGUAGE:TR\r
X-EENLOKET-NAME:Ayşe\r
CATEGORIES:Burgerzaken,uittreksel-brp\r
DTSTART:20261201T083000Z\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:GR-0003\r
DTSTART;VALUE=DATE:20261201\r
SUMMARY:uittreksel-brp\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:GR-0004\r
DTSTART:20261201T090000\r
RRULE:FREQ=WEEKLY\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:a very long uid with spaces that cannot be a code@x\r
DTSTART:20261201T090000\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:GR-0005\r
STATUS:CANCELLED\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:GR-0006\r
DTSTART;TZID=Mars/Olympus:20261201T090000\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_icalendar_events_become_records_with_their_line() -> None:
    records, rejected = parse(ICS)
    first, second, cancelled = records
    assert first == Record(
        line=10, booking_code="GR-2026-0001",
        location_hints=("Gemeente Groningen, Kreupelstraat 1",),
        service_hints=("Paspoort of ID-kaart ophalen",),
        starts_at=datetime(2026, 12, 1, 10, 30, tzinfo=AMS),
        name="Jansen, Piet", contact="piet.jansen@example.org")
    assert second.booking_code == "GR-0002"
    assert second.service_hints == ("rijbewijs-ophalen", "Burgerzaken", "uittreksel-brp")
    assert second.location_hints == ("haren",)
    assert (second.starts_at, second.language, second.name) == (
        datetime(2026, 12, 1, 8, 30, tzinfo=UTC), "tr", "Ayşe")
    assert (cancelled.booking_code, cancelled.cancelled, cancelled.starts_at) == (
        "GR-0005", True, None)
    assert rejected == [
        Rejection(33, "an all-day event is not an appointment: give a start time"),
        Rejection(38, "a repeating event is not an appointment"),
        Rejection(43, "no booking code: add X-EENLOKET-BOOKING-CODE or use a short UID"),
        Rejection(51, "unknown time zone 'Mars/Olympus'"),
    ]


def test_floating_times_are_local_and_a_cancel_method_cancels_every_event() -> None:
    text = ("BEGIN:VCALENDAR\nMETHOD:CANCEL\nBEGIN:VEVENT\nUID:GR-0007\n"
            "DTSTART:20261201T090000\nEND:VEVENT\nEND:VCALENDAR\n")
    (record,), rejected = parse(text)
    assert rejected == []
    assert (record.starts_at, record.cancelled) == (datetime(2026, 12, 1, 9, 0), True)


def test_a_text_that_only_looks_like_a_calendar_is_refused() -> None:
    with pytest.raises(BadRequest, match="not an iCalendar file"):
        parse("begin:vcalendar-ish\n")
    with pytest.raises(BadRequest, match="missing columns"):
        parse("hello\n")


def test_unfolding_keeps_the_first_physical_line() -> None:
    assert unfold("A:1\r\nB:2\r\n  and more\r\n\tand tab\r\nC:3") == [
        (1, "A:1"), (2, "B:2 and moreand tab"), (5, "C:3")]
