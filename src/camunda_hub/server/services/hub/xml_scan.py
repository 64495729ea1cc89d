"""The one way camunda-hub parses BPMN and DMN: expat, hardened, for a stream of start tags.

Any document type declaration, entity declaration or external entity reference is refused
before it is processed, so entity expansion ("billion laughs") and external entities cannot
happen; parameter entities are never parsed. Input over ``MAX_BYTES`` is not parsed at all, and
the document encoding is fixed to UTF-8 (what the database holds), whatever it declares.
Callers that scan many documents run the scan in a worker thread (``asyncio.to_thread``), so a
large model never holds the event loop."""

from __future__ import annotations

from collections.abc import Callable
from xml.parsers import expat

# Namespace and local name arrive joined by this (never in a namespace URI or a name).
SEPARATOR = "\x01"
MAX_BYTES = 16 * 1024 * 1024

# (namespace URI or "", local name, attributes with namespaced names joined by SEPARATOR)
StartTag = Callable[[str, str, dict[str, str]], None]


class _Refused(Exception):
    pass


def _refuse(*_args: object) -> int:
    raise _Refused


def scan(content: str, start: StartTag) -> bool:
    """Calls ``start`` for each element of ``content``; False when the document was refused or
    is not well-formed (``start`` may have been called for a part of it)."""
    data = content.encode("utf-8", "surrogatepass")
    if len(data) > MAX_BYTES:
        return False

    def on_start(tag: str, attributes: dict[str, str]) -> None:
        namespace, _, local = tag.rpartition(SEPARATOR)
        start(namespace, local, attributes)

    parser = expat.ParserCreate(encoding="UTF-8", namespace_separator=SEPARATOR)
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = on_start
    try:
        parser.Parse(data, True)
    except (_Refused, expat.ExpatError, ValueError, RecursionError):
        return False
    return True
