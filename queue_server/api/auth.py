"""Who is asking: staff sessions (cookie or bearer token) and device tokens.

Cookie-authenticated requests that change state must carry the session's CSRF token in the
``X-CSRF-Token`` header; bearer-token requests cannot be forged cross-site and need none.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends
from starlette.requests import HTTPConnection

from queue_server.api.state import AppState, get_state
from queue_server.errors import Forbidden, NotAuthenticated
from queue_server.services import auth
from queue_server.services.context import Actor
from queue_server.store.models import DeviceRow, SessionRow, UserRow

SESSION_COOKIE = "eenloket_session"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
BACKGROUND_HEADER = "X-Eenloket-Background"


@dataclass(frozen=True)
class Principal:
    actor: Actor
    user: UserRow | None = None
    device: DeviceRow | None = None
    session: SessionRow | None = None

    @property
    def role(self) -> auth.Role | None:
        return auth.Role[self.user.role.upper()] if self.user is not None else None


def _credential(connection: HTTPConnection) -> tuple[str | None, bool]:
    header = connection.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip(), False
    if connection.scope["type"] == "websocket" and "token" in connection.query_params:
        return connection.query_params["token"], False
    return connection.cookies.get(SESSION_COOKIE), True


async def resolve(state: AppState, connection: HTTPConnection) -> Principal:
    token, via_cookie = _credential(connection)
    if not token:
        raise NotAuthenticated("sign in or present a device token", code="no_credential")
    now = state.clock()
    if token.startswith(auth.DEVICE_PREFIX):
        async with state.read() as ctx:
            device = await auth.device_for_token(ctx.session, token)
        return Principal(Actor("device", device.name, device.id, device.kind), device=device)
    async with state.read() as ctx:
        row, user = await auth.session_user(ctx.session, token, now)
    method = connection.scope.get("method", "GET")
    if via_cookie and method not in SAFE_METHODS and not auth.csrf_ok(
        row, connection.headers.get("X-CSRF-Token")
    ):
        raise Forbidden("missing or wrong CSRF token", code="csrf")
    # Pages refresh in the background after live events; only what a person does counts
    # as activity, so that the idle timeout still signs out an abandoned desk.
    background = connection.headers.get(BACKGROUND_HEADER) == "1"
    if auth.needs_touch(row, now) and not background:
        async with state.write() as ctx:
            await auth.touch(ctx.session, row.id, now)
    return Principal(Actor("user", user.username, user.id, user.role), user=user, session=row)


Dependency = Callable[[HTTPConnection, AppState], Awaitable[Principal]]


def staff(minimum: auth.Role = auth.Role.CLERK, *, devices: tuple[str, ...] = ()) -> Dependency:
    """A staff member of at least ``minimum`` role, or (if listed) a device of those kinds."""

    async def dependency(
        connection: HTTPConnection, state: Annotated[AppState, Depends(get_state)]
    ) -> Principal:
        principal = await resolve(state, connection)
        if principal.device is not None:
            if principal.device.kind in devices:
                return principal
            raise Forbidden("this device may not do that", code="wrong_device")
        assert principal.role is not None
        if principal.role < minimum:
            raise Forbidden(f"this needs the {minimum.name.lower()} role", code="wrong_role")
        return principal

    return dependency


def device(*kinds: str, staff_minimum: auth.Role | None = None) -> Dependency:
    """A device of one of ``kinds`` (or, if given, staff of at least that role)."""

    async def dependency(
        connection: HTTPConnection, state: Annotated[AppState, Depends(get_state)]
    ) -> Principal:
        principal = await resolve(state, connection)
        if principal.device is not None and principal.device.kind in kinds:
            return principal
        minimum = staff_minimum
        if principal.role is not None and minimum is not None and principal.role >= minimum:
            return principal
        raise Forbidden(f"this needs a {' or '.join(kinds)} device", code="wrong_device")

    return dependency
