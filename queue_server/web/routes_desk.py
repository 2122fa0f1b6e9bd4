"""The clerk's desk page: one HTML page, its static assets, and the lists it offers.

The page itself holds no data: it signs in through ``/api/v1/auth`` and then works with the
desk endpoints and the location's event stream, exactly like any other client. What it
needs besides those (locations, the skills for a transfer, the desk the clerk already has
open) comes from ``GET /api/v1/desk-page/setup``. Every text is rendered from the
``web_desk`` catalogue; the JavaScript gets the same texts as JSON inside the page.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Annotated, Literal

import jinja2
from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import HTMLResponse

from eenloket_i18n import LANGUAGE_NAMES, keys, translate
from eenloket_wire.messages import Model
from queue_server.api.auth import Principal, staff
from queue_server.api.state import AppState, get_state
from queue_server.domain.visit import Action, VisitState, allowed_actions
from queue_server.services import auth
from queue_server.services.context import Catalogue
from queue_server.store import repository as repo
from queue_server.web.assets import static_file, templates

router = APIRouter(tags=["desk page"])
State = Annotated[AppState, Depends(get_state)]
Clerk = Annotated[Principal, Depends(staff())]

PAGE_LANGUAGES = ("nl", "en")
"""Clerks work in Dutch or English; visitors' languages are shown, not offered."""
TEXT_PREFIX = "web_desk."
HERE = Path(__file__).parent / "desk"
STATIC = HERE / "static"
MEDIA_TYPES = {".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml"}

SECURITY_HEADERS = {
    # Everything ships with the page: no inline script, no third-party origin.
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

ENDPOINT_OF = {
    Action.RECALL: "recall",
    Action.START: "start",
    Action.FINISH: "finish",
    Action.REQUEUE: "requeue",
    Action.TRANSFER: "transfer",
    Action.NO_SHOW: "no-show",
}
"""The visit actions the page offers, by the desk endpoint that performs each."""


class LocationOption(Model):
    code: str
    name: str
    timezone: str


class SkillOption(Model):
    code: str
    label: str
    hint: str
    """The services that need this skill, in the page's language."""


class OpenDesk(Model):
    location: str
    number: int


class DeskSetupOut(Model):
    display_name: str
    locations: list[LocationOption]
    skills: list[SkillOption]
    letters: list[str]
    """Ticket letters in use, for the "call a number" hint and check."""
    actions: dict[str, list[str]]
    """Per visit state, the desk endpoints the state allows (from the visit state machine)."""
    open_desk: OpenDesk | None
    """The desk this clerk has open or paused, so a reload or a new sign-in resumes it."""
    idle_timeout_seconds: int
    """After this long without a key or a click the page signs its clerk out. The server's
    own idle timeout cannot see this: the page's refreshes on live events count as activity."""


def page_language(lang: str | None) -> str:
    return lang if lang in PAGE_LANGUAGES else "nl"


def page_texts(language: str) -> dict[str, str]:
    """Every text of the page in ``language``, keyed without the catalogue prefix."""
    return {
        key.removeprefix(TEXT_PREFIX): translate(key, language)
        for key in sorted(keys()) if key.startswith(TEXT_PREFIX)
    }


def skill_label(code: str) -> str:
    """A readable name for a skill code from the hall file: "burgerzaken-akten" becomes
    "Burgerzaken – akten" (the hall file names skills; the catalogue has no other name)."""
    head, _, rest = code.partition("-")
    label = head.capitalize()
    return f"{label} – {rest.replace('-', ' ')}" if rest else label


def skill_options(catalogue: Catalogue, language: str, shown: int = 3) -> list[SkillOption]:
    """Every skill with the first ``shown`` services that need it, as a hint for choosing."""
    names: dict[str, list[str]] = defaultdict(list)
    for service in catalogue.services.values():
        names[service.skill].append(service.name_en if language == "en" else service.name_nl)
    options = []
    for code in sorted(catalogue.skills):
        services = names.get(code, [])
        hint = ", ".join(services[:shown])
        if len(services) > shown:
            hint += " " + translate("web_desk.skill_more", language, n=len(services) - shown)
        options.append(SkillOption(code=code, label=skill_label(code), hint=hint))
    return options


def actions_by_state() -> dict[str, list[str]]:
    return {
        state.value: sorted(ENDPOINT_OF[a] for a in allowed_actions(state) if a in ENDPOINT_OF)
        for state in VisitState if state.is_open
    }


def _templates() -> jinja2.Environment:
    return templates(HERE)


def _asset(name: str) -> tuple[bytes, str]:
    return static_file(STATIC, name, MEDIA_TYPES)


@router.get("/desk", response_class=HTMLResponse, include_in_schema=False)
async def desk_page(lang: str | None = None) -> HTMLResponse:
    """The page; it signs in and loads everything else itself."""
    language = page_language(lang)
    html = _templates().get_template("desk.html").render(
        lang=language,
        t=page_texts(language),
        languages={code: LANGUAGE_NAMES[code] for code in PAGE_LANGUAGES},
        language_names=LANGUAGE_NAMES,
    )
    headers = {**SECURITY_HEADERS, "Cache-Control": "no-store"}
    return HTMLResponse(html, headers=headers)


@router.get("/desk/static/{name}", include_in_schema=False)
async def desk_asset(name: str, request: Request) -> Response:
    data, etag = _asset(name)
    headers = {"ETag": etag, "Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}
    if request.headers.get("If-None-Match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(data, media_type=MEDIA_TYPES[Path(name).suffix], headers=headers)


@router.get("/api/v1/desk-page/setup", response_model=DeskSetupOut)
async def setup(
    principal: Clerk, state: State, lang: Literal["nl", "en"] = "nl"
) -> DeskSetupOut:
    """What the desk page offers: locations, skills, ticket letters, and the clerk's open desk."""
    user = principal.user
    assert user is not None, "staff() admits no devices here"
    async with state.read(principal.actor) as ctx:
        locations = await repo.all_locations(ctx.session)
        open_desk = None
        for location in locations:
            for desk in await repo.desks_at(ctx.session, location.id):
                if desk.user_id == user.id and desk.state != "closed":
                    open_desk = OpenDesk(location=location.code, number=desk.number)
        return DeskSetupOut(
            display_name=user.display_name,
            locations=[LocationOption(code=loc.code, name=loc.name, timezone=loc.timezone)
                       for loc in locations],
            skills=skill_options(ctx.catalogue, lang),
            letters=sorted({d.letter for d in ctx.catalogue.departments.values()}),
            actions=actions_by_state(),
            open_desk=open_desk,
            idle_timeout_seconds=int(auth.IDLE_TIMEOUT.total_seconds()),
        )
