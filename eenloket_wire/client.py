"""A typed client for the queue server's REST API (used by the kiosk, boards, tests, benches).

Errors come back as :class:`ApiError` with the server's status, machine code and sentence;
network failures as :class:`ServerUnreachable`, so callers can retry with the same
Idempotency-Key.
"""

from __future__ import annotations

from typing import Any, TypeVar

import httpx
from pydantic import BaseModel

from eenloket_wire.messages import (
    AppointmentCheckInIn,
    CatalogueOut,
    DeskStatusOut,
    SnapshotOut,
    TicketOut,
    TransferIn,
    WalkInIn,
)

M = TypeVar("M", bound=BaseModel)


class ClientError(Exception):
    """Base of what this client raises."""


class ServerUnreachable(ClientError):
    """No answer from the server (refused, timed out, reset): safe to retry idempotently."""


class ApiError(ClientError):
    def __init__(self, status: int, code: str, detail: str,
                 data: dict[str, str] | None = None) -> None:
        super().__init__(f"{status} {code}: {detail}")
        self.status = status
        self.code = code
        self.detail = detail
        self.data = data or {}
        """The error's particulars (see ErrorBody.data)."""


class Client:
    def __init__(self, base_url: str, token: str | None = None, timeout: float = 5.0) -> None:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self._http = httpx.Client(base_url=base_url, headers=headers, timeout=timeout)

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def set_token(self, token: str) -> None:
        self._http.headers["Authorization"] = f"Bearer {token}"

    def request(self, method: str, path: str, *, json: Any = None,
                headers: dict[str, str] | None = None) -> Any:
        try:
            response = self._http.request(method, path, json=json, headers=headers)
        except httpx.TransportError as exc:
            raise ServerUnreachable(str(exc) or type(exc).__name__) from exc
        if response.status_code >= 400:
            try:
                body = response.json()
                code, detail = str(body["error"]), str(body["detail"])
                data = {str(k): str(v) for k, v in (body.get("data") or {}).items()}
            except (ValueError, KeyError, TypeError, AttributeError):
                code, detail, data = "http_error", response.text[:200], {}
            raise ApiError(response.status_code, code, detail, data)
        return response.json()

    def _model(self, model: type[M], method: str, path: str, **kwargs: Any) -> M:
        return model.model_validate(self.request(method, path, **kwargs))

    # --- staff ---------------------------------------------------------------------

    def login(self, username: str, password: str) -> str:
        body = self.request("POST", "/api/v1/auth/login",
                            json={"username": username, "password": password})
        token = str(body["token"])
        self.set_token(token)
        return token

    # --- kiosk ---------------------------------------------------------------------

    def catalogue(self, location: str) -> CatalogueOut:
        return self._model(CatalogueOut, "GET", f"/api/v1/locations/{location}/catalogue")

    def walk_in(self, location: str, body: WalkInIn, idempotency_key: str) -> TicketOut:
        return self._model(TicketOut, "POST", f"/api/v1/locations/{location}/check-in/walk-in",
                           json=body.model_dump(), headers={"Idempotency-Key": idempotency_key})

    def appointment_check_in(
        self, location: str, body: AppointmentCheckInIn, idempotency_key: str
    ) -> TicketOut:
        return self._model(
            TicketOut, "POST", f"/api/v1/locations/{location}/check-in/appointment",
            json=body.model_dump(), headers={"Idempotency-Key": idempotency_key},
        )

    def report_printer(self, location: str, printer: str, detail: str = "") -> None:
        self.request("POST", f"/api/v1/locations/{location}/devices/status",
                     json={"printer": printer, "detail": detail})

    def ask_help(self, location: str, language: str) -> None:
        self.request("POST", f"/api/v1/locations/{location}/help", json={"language": language})

    # --- boards --------------------------------------------------------------------

    def snapshot(self, location: str) -> SnapshotOut:
        return self._model(SnapshotOut, "GET", f"/api/v1/locations/{location}/snapshot")

    # --- desks ---------------------------------------------------------------------

    def desk(self, location: str, desk: int, action: str = "", body: Any = None) -> DeskStatusOut:
        """GET the desk's status, or POST one of its actions (``call-next``, ``start`` …)."""
        path = f"/api/v1/locations/{location}/desks/{desk}"
        if not action:
            return self._model(DeskStatusOut, "GET", path)
        payload = body.model_dump() if isinstance(body, BaseModel) else body
        return self._model(DeskStatusOut, "POST", f"{path}/{action}", json=payload or {})

    def transfer(self, location: str, desk: int, body: TransferIn) -> DeskStatusOut:
        return self.desk(location, desk, "transfer", body)
