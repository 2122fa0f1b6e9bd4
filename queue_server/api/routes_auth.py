"""Sign in and out. The session token comes back both as an HttpOnly cookie (pages) and in
the body (API clients send it as a bearer token)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response
from pydantic import Field

from eenloket_wire.messages import Ack, Model
from queue_server.api.auth import SESSION_COOKIE, Principal, staff
from queue_server.api.state import AppState, get_state
from queue_server.services import auth
from queue_server.services.context import Actor
from queue_server.services.desk_actions import shut
from queue_server.store import repository as repo

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])
State = Annotated[AppState, Depends(get_state)]
Staff = Annotated[Principal, Depends(staff())]


class LoginIn(Model):
    username: str = Field(min_length=1, max_length=60)
    password: str = Field(min_length=1, max_length=200)


class SessionOut(Model):
    token: str
    csrf_token: str
    username: str
    display_name: str
    role: str


class MeOut(Model):
    username: str
    display_name: str
    role: str
    csrf_token: str | None


@router.post("/login", response_model=SessionOut)
async def login(body: LoginIn, response: Response, state: State) -> SessionOut:
    # The password check is slow on purpose: it runs outside the write transaction so that
    # sign-ins (or someone guessing) never hold up check-ins and calls.
    async with state.read(Actor("visitor", body.username)) as ctx:
        user = await auth.verify_password(ctx.session, body.username, body.password)
    async with state.write(Actor("user", user.username, user.id, user.role)) as ctx:
        token, row = await auth.start_session(ctx.session, user, ctx.now)
    response.set_cookie(
        SESSION_COOKIE, token, httponly=True, samesite="strict",
        secure=state.settings.base_url.startswith("https://"), path="/",
    )
    return SessionOut(token=token, csrf_token=row.csrf_token, username=user.username,
                      display_name=user.display_name, role=user.role)


@router.post("/logout", response_model=Ack)
async def logout(principal: Staff, response: Response, state: State) -> Ack:
    if principal.session is not None:
        async with state.write(principal.actor) as ctx:
            await auth.logout(ctx.session, principal.session.id)
            assert principal.user is not None
            # A clerk who signs out leaves no ghost desk behind (one with a visitor stays).
            for desk in await repo.desks_of_user(ctx.session, principal.user.id):
                if await repo.visit_at_desk(ctx.session, desk.id) is None:
                    location = await repo.location_by_id(ctx.session, desk.location_id)
                    await shut(ctx, location, desk)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return Ack()


@router.get("/me", response_model=MeOut)
async def me(principal: Staff) -> MeOut:
    assert principal.user is not None
    return MeOut(
        username=principal.user.username, display_name=principal.user.display_name,
        role=principal.user.role,
        csrf_token=principal.session.csrf_token if principal.session else None,
    )
