"""The visitor's phone page: ``/v/{token}`` (the ticket's QR), its JSON and its live stream.

* ``GET /v/{token}`` the page, in the visit's language (``?lang=`` switches), readable
  without JavaScript; the script keeps it live.
* ``GET /api/v1/visits/{token}`` the status as JSON (:class:`VisitorStatusOut`).
* WebSocket ``/api/v1/visits/{token}/events``: the status now, then each change; the server
  closes with 1000 after a final status, 4410 when the link expires, 4404 for a wrong token
  and 4429 when rate-limited.

No sign-in: the unguessable token is the key. A wrong token is a plain "not found" (404), a
link of an earlier day "expired" (410). Rate limits per client address (see
:mod:`queue_server.web.visitor.ratelimit`): 120 requests in a burst, then 4 per second; and
20 wrong tokens in a burst, then one per 10 seconds, after which even good links wait.
Pages are never cached or indexed, and send no Referer that could leak the link.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from fastapi import APIRouter, Request, WebSocket, WebSocketDisconnect
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import HTTPConnection

from eenloket_i18n import LANGUAGE_NAMES, LANGUAGES, is_rtl, keys, translate
from eenloket_wire.messages import ErrorBody
from queue_server.api.state import AppState, get_state
from queue_server.errors import EenLoketError, Gone, NotFound, TooManyRequests
from queue_server.store.models import LocationRow, VisitRow
from queue_server.web.visitor.feed import VisitorFeeds, Watcher
from queue_server.web.visitor.ratelimit import RateLimiter
from queue_server.web.visitor.status import VisitorStatusOut, describe, find_visit, statuses

router = APIRouter(tags=["visitor"])

ASSETS: Final = Path(__file__).parent / "visitor"
STATIC: Final = {"visitor.css": "text/css; charset=utf-8",
                 "visitor.js": "text/javascript; charset=utf-8"}
CONTENT: Final = {name: (ASSETS / name).read_bytes() for name in STATIC}
VERSION: Final = {name: hashlib.sha256(body).hexdigest()[:10] for name, body in CONTENT.items()}
"""Asset versions for their URLs, so that they may be cached long yet change with a release."""
TEXT_KEYS: Final = sorted(k.removeprefix("visitor.") for k in keys() if k.startswith("visitor."))
CLOSE_NOT_FOUND, CLOSE_EXPIRED, CLOSE_LIMITED = 4404, 4410, 4429
REQUEST_BURST, REQUESTS_PER_SECOND = 120, 4.0
"""A hall's guest Wi-Fi may put hundreds of phones behind one address: be generous."""
MISS_BURST, MISSES_PER_SECOND = 20, 0.1
"""Wrong tokens: a typo or two is human, a stream of them is someone trying links."""
HEADERS: Final = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex, nofollow",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
}
_templates = Environment(loader=FileSystemLoader(ASSETS), autoescape=select_autoescape(["html"]))


@dataclass
class _Shared:
    """What the phone page keeps per app (not per process: tests run several apps)."""

    feeds: VisitorFeeds
    requests: RateLimiter
    misses: RateLimiter


def _shared(connection: HTTPConnection) -> _Shared:
    app_state = connection.app.state
    shared: _Shared | None = getattr(app_state, "visitor_page", None)
    if shared is None:
        shared = _Shared(VisitorFeeds(get_state(connection)),
                         RateLimiter(REQUEST_BURST, REQUESTS_PER_SECOND),
                         RateLimiter(MISS_BURST, MISSES_PER_SECOND))
        app_state.visitor_page = shared
    return shared


def _client(connection: HTTPConnection) -> str:
    return connection.client.host if connection.client is not None else "unknown"


def _limited(connection: HTTPConnection) -> float:
    """Seconds the client must wait (0: go ahead); takes a request token when allowed."""
    shared, client = _shared(connection), _client(connection)
    return shared.misses.wait_time(client) or shared.requests.take(client)


async def _find(connection: HTTPConnection, token: str) -> tuple[VisitRow, LocationRow]:
    """The visit behind the link; a wrong token costs the client one of its misses."""
    try:
        async with get_state(connection).read() as ctx:
            return await find_visit(ctx, token)
    except NotFound:
        _shared(connection).misses.take(_client(connection))
        raise


async def _status(state: AppState, visit: VisitRow, location: LocationRow) -> VisitorStatusOut:
    async with state.read() as ctx:
        status = (await statuses(ctx, location, [visit.id]))[visit.id]
    if status is None:
        raise Gone("this link has expired", code="expired")
    return status


# --- the page --------------------------------------------------------------------------


def _language(request: Request, fallback: str) -> str:
    wanted = request.query_params.get("lang", "")
    return wanted if wanted in LANGUAGES else fallback


def _accepted_language(request: Request) -> str:
    for part in request.headers.get("Accept-Language", "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return "nl"


def _texts(language: str) -> dict[str, str]:
    """The page's texts with their ``{slots}`` left in, for the script to fill."""
    return {key: translate(f"visitor.{key}", language) for key in TEXT_KEYS}


def _html(template: str, status_code: int, language: str, **values: object) -> HTMLResponse:
    body = _templates.get_template(template).render(
        lang=language, dir="rtl" if is_rtl(language) else "ltr",
        t=_texts(language), municipality=translate("common.municipality", language),
        css_url=f"/v/static/visitor.css?v={VERSION['visitor.css']}",
        js_url=f"/v/static/visitor.js?v={VERSION['visitor.js']}", **values,
    )
    return HTMLResponse(body, status_code=status_code, headers=HEADERS)


def _message_page(request: Request, status_code: int, key: str, help_key: str) -> HTMLResponse:
    language = _language(request, _accepted_language(request))
    texts = _texts(language)
    return _html("message.html", status_code, language, heading=texts[key],
                 detail=texts[help_key])


@router.get("/v/{token}", response_class=HTMLResponse, include_in_schema=False)
async def page(token: str, request: Request) -> HTMLResponse:
    wait = _limited(request)
    if wait:
        response = _message_page(request, 429, "too_many_title", "too_many")
        response.headers["Retry-After"] = str(int(wait) + 1)
        return response
    try:
        status = await _status(get_state(request), *await _find(request, token))
    except NotFound:
        return _message_page(request, 404, "not_found", "not_found_help")
    except Gone:
        return _message_page(request, 410, "expired_title", "expired")
    language = _language(request, status.language)
    description = describe(status, language)
    return _html(
        "page.html", 200, language, status=status, description=description,
        title=translate("visitor.title", language, ticket=status.ticket),
        texts_json=json.dumps(_texts(language), ensure_ascii=False),
        status_json=status.model_dump_json(),
        languages=[(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
    )


@router.get("/v/static/{name}", include_in_schema=False)
async def static(name: str) -> Response:
    if name not in STATIC:
        return Response("not found", status_code=404, media_type="text/plain")
    return Response(CONTENT[name], media_type=STATIC[name], headers={
        "Cache-Control": "public, max-age=86400", "X-Content-Type-Options": "nosniff"})


# --- JSON and live stream --------------------------------------------------------------


def _error(exc: EenLoketError, headers: dict[str, str] | None = None) -> JSONResponse:
    body = ErrorBody(error=exc.code, detail=exc.detail).model_dump()
    return JSONResponse(body, status_code=exc.status_code, headers={**HEADERS, **(headers or {})})


@router.get("/api/v1/visits/{token}", response_model=VisitorStatusOut, tags=["visitor"],
            responses={404: {"model": ErrorBody}, 410: {"model": ErrorBody},
                       429: {"model": ErrorBody}})
async def visit_status(token: str, request: Request) -> Response:
    """The phone page's data: ticket, place, expected wait, desk; never personal data."""
    wait = _limited(request)
    if wait:
        return _error(TooManyRequests("too many requests"), {"Retry-After": str(int(wait) + 1)})
    try:
        status = await _status(get_state(request), *await _find(request, token))
    except (NotFound, Gone) as exc:
        return _error(exc)
    return Response(status.model_dump_json(), media_type="application/json", headers=HEADERS)


@router.websocket("/api/v1/visits/{token}/events")
async def visit_events(websocket: WebSocket, token: str) -> None:
    # Accept before refusing: a browser sees the close code only on an open socket, and the
    # page must tell "expired" (stop) from a network failure (reconnect).
    await websocket.accept()
    if _limited(websocket):
        await websocket.close(code=CLOSE_LIMITED, reason="too many requests")
        return
    try:
        visit, location = await _find(websocket, token)
    except (NotFound, Gone) as exc:
        await websocket.close(code=CLOSE_NOT_FOUND if isinstance(exc, NotFound)
                              else CLOSE_EXPIRED, reason=exc.detail)
        return
    state, feeds = get_state(websocket), _shared(websocket).feeds
    watcher = Watcher(visit.id, visit.ticket, None)
    # Join before the first status is read, so that no change in between is missed.
    feeds.join(location.code, watcher)
    try:
        async with state.read() as ctx:
            first = (await statuses(ctx, location, [visit.id]))[visit.id]
        if first is None:
            await websocket.close(code=CLOSE_EXPIRED, reason="this link has expired")
            return
        watcher.offer(first)
        await _stream(websocket, watcher)
    except WebSocketDisconnect:
        pass
    finally:
        await feeds.leave(location.code, watcher)


async def _stream(websocket: WebSocket, watcher: Watcher) -> None:
    receiver = asyncio.create_task(_until_closed(websocket))
    try:
        while True:
            changed = asyncio.create_task(watcher.changed.wait())
            done, _ = await asyncio.wait({changed, receiver}, return_when=asyncio.FIRST_COMPLETED)
            if changed not in done:
                changed.cancel()
                return
            watcher.changed.clear()
            status = watcher.latest
            if status is None:
                await websocket.close(code=CLOSE_EXPIRED, reason="this link has expired")
                return
            await websocket.send_text(status.model_dump_json())
            if status.final:
                await websocket.close(code=1000)
                return
    finally:
        receiver.cancel()
        with contextlib.suppress(asyncio.CancelledError, WebSocketDisconnect):
            await receiver


async def _until_closed(websocket: WebSocket) -> None:
    """Phones only listen; reading still matters to notice that one went away."""
    while True:
        message = await websocket.receive()
        if message["type"] == "websocket.disconnect":
            return
