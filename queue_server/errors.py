"""Expected outcomes that are not success, each carrying its HTTP status.

::

    EenLoketError            (base; never raised itself)
    ├── BadRequest           400  the request contradicts itself or the catalogue
    ├── NotAuthenticated     401  no or wrong credential
    ├── Forbidden            403  a credential of the wrong role or device
    ├── NotFound             404  no such location, desk, ticket, booking code …
    ├── Conflict             409  an illegal state transition or a race lost
    ├── Gone                 410  a link that has expired
    └── TooManyRequests      429  rate limit

One handler in :mod:`queue_server.api.errors` renders them as ``{"error", "detail"}`` JSON.
"""

from __future__ import annotations


class EenLoketError(Exception):
    status_code = 500
    code = "error"

    def __init__(
        self, detail: str, *, code: str | None = None, data: dict[str, str] | None = None
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.data = data or {}
        """Machine-readable particulars (a time, a ticket) so clients never parse ``detail``."""
        if code is not None:
            # A more precise machine code (e.g. "too_early") that clients branch on.
            self.code = code


class BadRequest(EenLoketError):
    status_code = 400
    code = "bad_request"


class NotAuthenticated(EenLoketError):
    status_code = 401
    code = "not_authenticated"


class Forbidden(EenLoketError):
    status_code = 403
    code = "forbidden"


class NotFound(EenLoketError):
    status_code = 404
    code = "not_found"


class Conflict(EenLoketError):
    status_code = 409
    code = "conflict"


class Gone(EenLoketError):
    status_code = 410
    code = "gone"


class TooManyRequests(EenLoketError):
    status_code = 429
    code = "too_many_requests"
