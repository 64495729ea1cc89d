"""Errors the service layer (and the search language below it) raises; each face (HTTP, CLI,
console) renders them its own way."""

from __future__ import annotations


class ServiceError(Exception):
    status = 400
    title = "Bad Request"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class InvalidInput(ServiceError):
    status = 400
    title = "Bad Request"


class NotFound(ServiceError):
    status = 404
    title = "Not Found"


class Conflict(ServiceError):
    status = 409
    title = "Conflict"


class Forbidden(ServiceError):
    status = 403
    title = "Forbidden"


class Gone(ServiceError):
    status = 410
    title = "Gone"
