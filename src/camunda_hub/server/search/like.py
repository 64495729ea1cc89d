"""The ``$like`` pattern: ``*`` = any run of characters, ``?`` = exactly one character.

A backslash makes the next character literal: ``\\*``, ``\\?``, ``\\\\`` (before any other character
it is simply dropped, as in shell globs); a lone trailing backslash is an error. Every other
character, ``%`` and ``_`` included, matches itself. The pattern is parsed once into tokens and
then rendered for whichever SQL operator the database needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

ESCAPE = "\\"


class Wildcard(Enum):
    ANY = "*"
    ONE = "?"


LikeToken = str | Wildcard


class LikePatternError(ValueError):
    pass


@dataclass(frozen=True)
class LikePattern:
    """Literal runs (``str``) and wildcards, with no two literal runs or two ``ANY`` adjacent."""

    tokens: tuple[LikeToken, ...]

    @property
    def is_literal(self) -> bool:
        return all(isinstance(token, str) for token in self.tokens)

    @property
    def literal(self) -> str:
        return "".join(token for token in self.tokens if isinstance(token, str))

    @property
    def matches_any_string(self) -> bool:
        return self.tokens == (Wildcard.ANY,)


def parse_like(text: str) -> LikePattern:
    tokens: list[LikeToken] = []
    literal: list[str] = []

    def flush() -> None:
        if literal:
            tokens.append("".join(literal))
            literal.clear()

    chars = iter(text)
    for char in chars:
        if char == ESCAPE:
            escaped = next(chars, None)
            if escaped is None:
                raise LikePatternError(
                    "ends with a lone backslash (write \\\\ for a literal backslash)"
                )
            literal.append(escaped)
        elif char == "*":
            flush()
            if not tokens or tokens[-1] is not Wildcard.ANY:
                tokens.append(Wildcard.ANY)
        elif char == "?":
            flush()
            tokens.append(Wildcard.ONE)
        else:
            literal.append(char)
    flush()
    return LikePattern(tuple(tokens))


def to_sql_like(pattern: LikePattern) -> str:
    """Render for ``LIKE … ESCAPE '\\'``: SQL's own wildcards and the escape become literals."""
    parts: list[str] = []
    for token in pattern.tokens:
        if token is Wildcard.ANY:
            parts.append("%")
        elif token is Wildcard.ONE:
            parts.append("_")
        else:
            parts.append(
                token.replace(ESCAPE, ESCAPE * 2)
                .replace("%", ESCAPE + "%")
                .replace("_", ESCAPE + "_")
            )
    return "".join(parts)


def to_sqlite_glob(pattern: LikePattern) -> str:
    """Render for SQLite ``GLOB``, which has no escape character: a special character is
    matched literally by putting it alone in a bracket set (``[*]``, ``[?]``, ``[[]``)."""
    parts: list[str] = []
    for token in pattern.tokens:
        if token is Wildcard.ANY:
            parts.append("*")
        elif token is Wildcard.ONE:
            parts.append("?")
        else:
            parts.append("".join(f"[{char}]" if char in "*?[" else char for char in token))
    return "".join(parts)
