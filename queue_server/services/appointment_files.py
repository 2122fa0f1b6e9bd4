"""Read appointment files, CSV or iCalendar (RFC 5545), into plain records. No I/O, no database.

CSV: a header row with ``booking_code``, ``location``, ``service`` and ``starts_at``, and
optionally ``name``, ``contact``, ``language`` and ``status`` (``cancelled`` cancels). Comma,
semicolon (Dutch spreadsheets) or tab separated. ``starts_at`` is ISO 8601
(``2026-11-30T10:30:00+01:00``) or ``30-11-2026 10:30``; a time without offset is the
location's local time.

iCalendar: one VEVENT per appointment, as calendar and booking systems export them:

=====================  =====================================================================
booking code           ``X-EENLOKET-BOOKING-CODE``, else the UID (or its part before ``@``)
                       when it is 4-40 letters, digits or ``-``
location               ``X-EENLOKET-LOCATION``, else ``LOCATION`` (a location's code or name,
                       or an address that holds exactly one location's name)
service                ``X-EENLOKET-SERVICE``, else a ``CATEGORIES`` value or the ``SUMMARY``
                       that is a service's code or Dutch or English name
time                   ``DTSTART`` (UTC, with ``TZID``, or floating = the location's time)
name, contact          the first ``ATTENDEE``'s ``CN`` and address, or ``X-EENLOKET-NAME`` /
                       ``X-EENLOKET-CONTACT``
language               ``X-EENLOKET-LANGUAGE``
cancellation           ``STATUS:CANCELLED`` or a calendar with ``METHOD:CANCEL``
=====================  =====================================================================

Each record keeps the file line it starts on, so a rejection can point at it.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from queue_server.errors import BadRequest

CSV_COLUMNS = ("booking_code", "location", "service", "starts_at")
CANCELLED_WORDS = frozenset({"cancelled", "canceled", "geannuleerd", "vervallen"})
_LOCAL_FORMATS = ("%d-%m-%Y %H:%M", "%d-%m-%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S")
_CODE = re.compile(r"^[A-Za-z0-9-]{4,40}$")
WINDOWS_ZONES = {
    # Outlook and Exchange write Windows zone names as TZID; these are the ones a Dutch
    # municipality's systems produce in practice.
    "W. Europe Standard Time": "Europe/Amsterdam",
    "Romance Standard Time": "Europe/Brussels",
    "GMT Standard Time": "Europe/London",
    "UTC": "UTC",
}


class Rejection(NamedTuple):
    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class Record:
    """One appointment as a file states it, not yet checked against the catalogue."""

    line: int
    booking_code: str
    location_hints: tuple[str, ...] = ()
    service_hints: tuple[str, ...] = ()
    starts_at: datetime | None = None
    """Aware, or naive meaning the location's local time."""
    name: str = ""
    contact: str = ""
    language: str = ""
    cancelled: bool = False


Parsed = tuple[list[Record], list[Rejection]]


def decode(raw: bytes) -> str:
    """A file's text: UTF-8 (with or without BOM), else Windows-1252.

    Spreadsheets on Windows save CSV in the ANSI code page unless told otherwise.
    """
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def parse(text: str) -> Parsed:
    """Records and early rejections from a CSV or iCalendar file, recognised by content."""
    text = text.removeprefix("\ufeff")
    if text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        return parse_ics(text)
    return parse_csv(text)


# --- CSV ---------------------------------------------------------------------------------


def _delimiter(header: str) -> str:
    return max((";", ",", "\t"), key=header.count)


def parse_local_or_iso(value: str) -> datetime:
    """ISO 8601 with or without offset, or day-month-year as Dutch spreadsheets write it."""
    value = value.strip()
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        pass
    for pattern in _LOCAL_FORMATS:
        try:
            return datetime.strptime(value, pattern)
        except ValueError:
            continue
    raise ValueError(f"cannot read the time {value!r}: use 2026-11-30T10:30 or 30-11-2026 10:30")


def parse_csv(text: str) -> Parsed:
    header_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(header_line))
    try:
        header = [name.strip().lower() for name in next(reader)]
    except StopIteration:
        raise BadRequest("the file is empty", code="bad_file") from None
    missing = [column for column in CSV_COLUMNS if column not in header]
    if missing:
        raise BadRequest(f"missing columns: {', '.join(missing)}", code="bad_csv")
    records: list[Record] = []
    rejected: list[Rejection] = []
    line = reader.line_num + 1
    for row in reader:
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            rejected.append(Rejection(start, f"{len(row)} fields, the header has {len(header)}"))
            continue
        field = dict(zip(header, (cell.strip() for cell in row), strict=False))
        try:
            starts_at = parse_local_or_iso(field.get("starts_at", ""))
        except ValueError as exc:
            rejected.append(Rejection(start, str(exc)))
            continue
        records.append(Record(
            line=start, booking_code=field.get("booking_code", ""),
            location_hints=(field.get("location", ""),), service_hints=(field.get("service", ""),),
            starts_at=starts_at, name=field.get("name", ""), contact=field.get("contact", ""),
            language=field.get("language", "").lower(),
            cancelled=field.get("status", "").lower() in CANCELLED_WORDS,
        ))
    return records, rejected


# --- iCalendar ---------------------------------------------------------------------------


class ContentLine(NamedTuple):
    line: int
    name: str
    params: dict[str, str]
    value: str


def unfold(text: str) -> list[tuple[int, str]]:
    """Logical lines with the physical line each starts on (RFC 5545 3.1 folding)."""
    logical: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw[:1] in (" ", "\t") and logical:
            start, previous = logical[-1]
            logical[-1] = (start, previous + raw[1:])
        elif raw.strip():
            logical.append((number, raw))
    return logical


def _split_outside_quotes(text: str, separator: str, maxsplit: int = -1) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char == separator and not quoted and maxsplit != 0:
            parts.append("".join(current))
            current = []
            maxsplit -= 1
            continue
        current.append(char)
    parts.append("".join(current))
    return parts


def content_line(number: int, text: str) -> ContentLine:
    """``NAME;PARAM=value;PARAM="quoted:value":the value`` split into its parts."""
    pieces = _split_outside_quotes(text, ":", 1)
    head = pieces[0]
    value = pieces[1] if len(pieces) > 1 else ""
    name, *raw_params = _split_outside_quotes(head, ";")
    params = {}
    for raw in raw_params:
        key, _, param_value = raw.partition("=")
        params[key.strip().upper()] = param_value.strip().strip('"')
    return ContentLine(number, name.strip().upper(), params, value)


def unescape(value: str) -> str:
    """TEXT values: ``\\n`` is a new line, ``\\,`` ``\\;`` ``\\\\`` the character itself."""
    return re.sub(r"\\([nN,;\\])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def _zone(tzid: str) -> ZoneInfo:
    name = WINDOWS_ZONES.get(tzid, tzid.lstrip("/"))
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {tzid!r}") from None


def ics_time(prop: ContentLine) -> datetime:
    """A DTSTART as an aware time (UTC or TZID) or naive (floating: the location's time)."""
    value = prop.value.strip()
    if prop.params.get("VALUE") == "DATE" or re.fullmatch(r"\d{8}", value):
        raise ValueError("an all-day event is not an appointment: give a start time")
    match = re.fullmatch(r"(\d{8})T(\d{4})(\d{2})?(Z?)", value)
    if match is None:
        raise ValueError(f"cannot read the time {value!r}")
    moment = datetime.strptime(match[1] + match[2] + (match[3] or "00"), "%Y%m%d%H%M%S")
    if match[4]:
        return moment.replace(tzinfo=UTC)
    if "TZID" in prop.params:
        return moment.replace(tzinfo=_zone(prop.params["TZID"]))
    return moment


def _booking_code(props: dict[str, ContentLine]) -> str:
    if "X-EENLOKET-BOOKING-CODE" in props:
        return props["X-EENLOKET-BOOKING-CODE"].value.strip()
    uid = props["UID"].value.strip() if "UID" in props else ""
    for candidate in (uid, uid.split("@", 1)[0]):
        if _CODE.match(candidate):
            return candidate
    return ""


def _text(props: dict[str, ContentLine], name: str) -> str:
    return unescape(props[name].value).strip() if name in props else ""


def _event(begin: int, props: dict[str, ContentLine], attendees: list[ContentLine],
           cancel_all: bool) -> Record:
    """One VEVENT as a record; raises ValueError with the reason it cannot be one."""
    if "RRULE" in props or "RDATE" in props:
        raise ValueError("a repeating event is not an appointment")
    code = _booking_code(props)
    if not code:
        raise ValueError("no booking code: add X-EENLOKET-BOOKING-CODE or use a short UID")
    cancelled = cancel_all or _text(props, "STATUS").upper() == "CANCELLED"
    if "DTSTART" not in props and not cancelled:
        raise ValueError("no DTSTART")
    starts_at = ics_time(props["DTSTART"]) if "DTSTART" in props else None
    name, contact = _text(props, "X-EENLOKET-NAME"), _text(props, "X-EENLOKET-CONTACT")
    if attendees:
        name = name or attendees[0].params.get("CN", "")
        address = attendees[0].value.strip()
        contact = contact or re.sub(r"^(mailto|tel):", "", address, flags=re.IGNORECASE)
    categories = [c.strip() for c in _text(props, "CATEGORIES").split(",") if c.strip()]
    return Record(
        line=begin, booking_code=code,
        location_hints=tuple(h for h in (_text(props, "X-EENLOKET-LOCATION"),
                                         _text(props, "LOCATION")) if h),
        service_hints=tuple(h for h in (_text(props, "X-EENLOKET-SERVICE"), *categories,
                                        _text(props, "SUMMARY")) if h),
        starts_at=starts_at, name=name, contact=contact,
        language=_text(props, "X-EENLOKET-LANGUAGE").lower(), cancelled=cancelled,
    )


def parse_ics(text: str) -> Parsed:
    lines = [content_line(number, raw) for number, raw in unfold(text)]
    if not lines or (lines[0].name, lines[0].value.strip().upper()) != ("BEGIN", "VCALENDAR"):
        raise BadRequest("not an iCalendar file (no BEGIN:VCALENDAR)", code="bad_file")
    cancel_all = any(
        p.name == "METHOD" and p.value.strip().upper() == "CANCEL" for p in lines
    )
    records: list[Record] = []
    rejected: list[Rejection] = []
    stack: list[str] = []
    begin, props, attendees = 0, dict[str, ContentLine](), list[ContentLine]()
    for prop in lines:
        if prop.name == "BEGIN":
            stack.append(prop.value.strip().upper())
            if stack[-1] == "VEVENT":
                begin, props, attendees = prop.line, {}, []
        elif prop.name == "END":
            component = stack.pop() if stack else ""
            if component == "VEVENT":
                try:
                    records.append(_event(begin, props, attendees, cancel_all))
                except ValueError as exc:
                    rejected.append(Rejection(begin, str(exc)))
        elif stack and stack[-1] == "VEVENT":
            # Properties of nested components (VALARM) are not the event's own.
            if prop.name == "ATTENDEE":
                attendees.append(prop)
            else:
                props.setdefault(prop.name, prop)
    return records, rejected
