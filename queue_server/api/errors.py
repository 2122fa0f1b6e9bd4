"""Render every error as ``{"error", "detail"}`` JSON with the right status."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from eenloket_wire.messages import ErrorBody
from queue_server.errors import EenLoketError


def _body(
    error: str, detail: str, fields: list[dict[str, object]] | None = None,
    data: dict[str, str] | None = None,
) -> dict[str, object]:
    return ErrorBody(error=error, detail=detail, fields=fields or [],
                     data=data or {}).model_dump()


def install(app: FastAPI) -> None:
    @app.exception_handler(EenLoketError)
    async def expected(_request: Request, exc: EenLoketError) -> JSONResponse:
        return JSONResponse(_body(exc.code, exc.detail, data=exc.data),
                            status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [([str(p) for p in e.get("loc", ())], str(e.get("msg", "")))
                    for e in exc.errors()]
        # The first location part is "body"/"query"/"path": people want the field name.
        where, message = problems[0] if problems else (["request"], "invalid request")
        field = ".".join(where[1:]) or "request"
        fields: list[dict[str, object]] = [{"loc": loc, "msg": msg} for loc, msg in problems]
        return JSONResponse(_body("invalid", f"{field}: {message}", fields), status_code=422)

    @app.exception_handler(HTTPException)
    async def http(_request: Request, exc: HTTPException) -> JSONResponse:
        return JSONResponse(
            _body("http_error", str(exc.detail)), status_code=exc.status_code,
            headers=getattr(exc, "headers", None),
        )
