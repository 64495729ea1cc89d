"""Errors the console renders as HTML pages (never problem+json: a person reads them)."""

from __future__ import annotations


class ConsoleError(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


class NotSignedIn(Exception):
    """No valid session: the browser is sent to the sign-in page."""


class CsrfFailure(ConsoleError):
    def __init__(self) -> None:
        super().__init__(
            403,
            "This form expired or was not sent from the console itself. "
            "Go back, reload the page and try again.",
        )


def sentence(text: str) -> str:
    """A service-layer message ("the name needs …") as a sentence for a page."""
    text = text.strip()
    return (text[:1].upper() + text[1:]).rstrip(".") + "."
