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


class Busy(ServiceError):
    status = 503
    error_type = "Busy"


class TimedOut(ServiceError):
    status = 504
    error_type = "Timeout"
