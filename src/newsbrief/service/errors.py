"""Errors the service answers with a status code of its own (the library's errors become 422)."""

from __future__ import annotations


class ServiceError(Exception):
    """A request the service refuses; `status` is the HTTP status, the message says what to change."""

    status = 400
    error_type = "ServiceError"

    def __init__(self, message: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.headers = headers or {}


class BadRequest(ServiceError):
    """The body is empty or not JSON."""

    status = 400
    error_type = "BadRequest"


class TooLarge(ServiceError):
    """Over a size limit (bytes or documents): the client must send less, retrying will not help."""

    status = 413
    error_type = "RequestTooLarge"


class OverLimit(ServiceError):
    """A valid value the server's settings do not allow, e.g. more words than max_words."""

    status = 422
    error_type = "LimitExceeded"


class InvalidField(ServiceError):
    """A field the service reads itself (not the library) has the wrong type."""

    status = 422
    error_type = "InputError"


class Disabled(ServiceError):
    """A feature this server was started without (e.g. fetching URLs)."""

    status = 422
    error_type = "FeatureDisabled"


class SlowBody(ServiceError):
    """The body did not arrive within the request timeout (a client dripping it)."""

    status = 408
    error_type = "RequestTimeout"


class Busy(ServiceError):
    status = 503
    error_type = "Busy"


class ClientGone(ServiceError):
    """The client closed the connection; nobody reads this answer (499 is nginx's name for it)."""

    status = 499
    error_type = "ClientClosedRequest"


class TimedOut(ServiceError):
    status = 504
    error_type = "Timeout"


class ServerFault(ServiceError):
    """An exception no one expected: logged with its traceback; the client learns only that it happened."""

    status = 500
    error_type = "InternalError"
