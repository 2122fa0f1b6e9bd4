"""Staff users (argon2 passwords, server-side sessions) and device tokens (stored hashed)."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
from datetime import datetime, timedelta
from enum import IntEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.ext.asyncio import AsyncSession

from queue_server.errors import BadRequest, Conflict, NotAuthenticated
from queue_server.store import repository as repo
from queue_server.store.models import DeviceRow, LocationRow, SessionRow, UserRow

SESSION_PREFIX = "ses_"
DEVICE_PREFIX = "dev_"
IDLE_TIMEOUT = timedelta(minutes=30)
"""A desk left alone this long signs its clerk out (shared counters, privacy)."""
TOUCH_EVERY = timedelta(minutes=1)
"""Sessions record activity at most this often, to keep reads from becoming writes."""

DEVICE_KINDS = ("kiosk", "board", "booking")
_hasher = PasswordHasher()


class Role(IntEnum):
    """Each role may do what the roles below it may."""

    CLERK = 1
    MANAGER = 2
    ADMIN = 3


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def hash_password(password: str) -> str:
    if len(password) < 10:
        raise BadRequest("a password needs at least 10 characters", code="weak_password")
    return _hasher.hash(password)


async def create_user(
    session: AsyncSession, username: str, display_name: str, password: str, role: str
) -> UserRow:
    if role not in {r.name.lower() for r in Role}:
        raise BadRequest(f"unknown role {role}", code="unknown_role")
    if await repo.user_by_name(session, username) is not None:
        raise Conflict(f"user {username} exists", code="user_exists")
    user = UserRow(username=username, display_name=display_name,
                   password_hash=hash_password(password), role=role, active=True)
    session.add(user)
    await session.flush()
    return user


async def verify_password(session: AsyncSession, username: str, password: str) -> UserRow:
    """The user for correct credentials; the same error for any wrong part."""
    user = await repo.user_by_name(session, username)
    wrong = NotAuthenticated("wrong user name or password", code="bad_credentials")
    # Argon2 is deliberately slow CPU work: run it off the event loop so that a sign-in
    # never stalls the calls and streams of every other desk.
    if user is None or not user.active:
        # Hash anyway so a missing user takes as long as a wrong password.
        await asyncio.to_thread(_hasher.hash, password)
        raise wrong
    try:
        await asyncio.to_thread(_hasher.verify, user.password_hash, password)
    except (VerificationError, InvalidHashError):
        raise wrong from None
    return user


async def start_session(
    session: AsyncSession, user: UserRow, now: datetime
) -> tuple[str, SessionRow]:
    """A new session token (shown to the client once; only its hash is stored)."""
    token = SESSION_PREFIX + secrets.token_urlsafe(32)
    row = SessionRow(token_hash=token_hash(token), user_id=user.id,
                     csrf_token=secrets.token_urlsafe(24), created_at=now, last_seen=now)
    session.add(row)
    await session.flush()
    return token, row


async def session_user(
    session: AsyncSession, token: str, now: datetime
) -> tuple[SessionRow, UserRow]:
    """The session and user behind a token; expired sessions count as signed out.

    Reads only: the caller records activity (see :func:`touch`) so that authenticating a
    request does not take the write lock.
    """
    found = await repo.session_with_user(session, token_hash(token))
    if found is None:
        raise NotAuthenticated("please sign in", code="no_session")
    row, user = found
    if now - row.last_seen > IDLE_TIMEOUT:
        raise NotAuthenticated("you were signed out after a period of inactivity",
                               code="session_expired")
    if not user.active:
        raise NotAuthenticated("please sign in", code="no_session")
    return row, user


def needs_touch(row: SessionRow, now: datetime) -> bool:
    return now - row.last_seen > TOUCH_EVERY


async def touch(session: AsyncSession, session_id: int, now: datetime) -> None:
    row = await session.get(SessionRow, session_id)
    if row is not None:
        row.last_seen = now


async def logout(session: AsyncSession, session_id: int) -> None:
    row = await session.get(SessionRow, session_id)
    if row is not None:
        await session.delete(row)


def csrf_ok(row: SessionRow, presented: str | None) -> bool:
    return presented is not None and hmac.compare_digest(row.csrf_token, presented)


async def create_device(
    session: AsyncSession, name: str, kind: str, location: LocationRow
) -> tuple[str, DeviceRow]:
    """A new device and its token; only the hash is stored, so show the token once."""
    if kind not in DEVICE_KINDS:
        raise BadRequest(f"device kind must be one of {', '.join(DEVICE_KINDS)}",
                         code="unknown_device_kind")
    token = DEVICE_PREFIX + secrets.token_urlsafe(32)
    device = await repo.device_by_name(session, name)
    if device is None:
        device = DeviceRow(name=name, kind=kind, location_id=location.id,
                           token_hash=token_hash(token), status={})
        session.add(device)
    else:
        # Re-issuing replaces the old token: a lost kiosk's token stops working.
        device.kind, device.location_id, device.token_hash = kind, location.id, token_hash(token)
    await session.flush()
    return token, device


async def device_for_token(session: AsyncSession, token: str) -> DeviceRow:
    device = await repo.device_by_token_hash(session, token_hash(token))
    if device is None:
        raise NotAuthenticated("unknown device token", code="bad_device_token")
    return device
