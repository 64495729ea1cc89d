"""The backup archive: a zip of one JSON Lines file per table plus ``manifest.json``.

Each line is a JSON array of one row's values, columns in the manifest's order (sorted by name,
so the same data gives the same bytes whatever order the columns have in a database). Values are
plain JSON except timestamps (ISO 8601 in UTC with microseconds) and binary columns (base64):
the manifest names each column's codec, so a restore decodes without guessing."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import types as sqltypes

FORMAT = "camunda-hub-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
TABLES_DIR = "tables/"


class ArchiveError(ValueError):
    """The file is not a backup this version can read, or it is damaged."""


def codec_of(column_type: sqltypes.TypeEngine[Any]) -> str:
    """The codec for a column of this (reflected) type."""
    if isinstance(column_type, sqltypes.TypeDecorator):
        column_type = column_type.impl_instance
    # Order matters: Boolean and DateTime before Integer-like checks are irrelevant, but JSON
    # must come before String (some dialects' JSON types derive from text types).
    if isinstance(column_type, sqltypes.JSON):
        return "json"
    if isinstance(column_type, sqltypes.DateTime):
        return "datetime"
    if isinstance(column_type, sqltypes.Boolean):
        return "bool"
    if isinstance(column_type, sqltypes.Integer):
        return "int"
    if isinstance(column_type, sqltypes.Float):
        return "float"
    if isinstance(column_type, sqltypes._Binary):
        return "bytes"
    if isinstance(column_type, sqltypes.String):
        return "text"
    raise ArchiveError(f"no backup codec for the column type {column_type!r}")


def _encode_datetime(value: datetime) -> str:
    if value.tzinfo is None:  # SQLite keeps no zone: camunda-hub stores UTC only
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def _encode_bytes(value: bytes) -> str:
    return base64.b64encode(bytes(value)).decode("ascii")


def _encode_float(value: Any) -> Any:
    return float(value)


def _same(value: Any) -> Any:
    return value


ENCODERS: dict[str, Callable[[Any], Any]] = {
    "datetime": _encode_datetime,
    "bytes": _encode_bytes,
    "float": _encode_float,
    "int": _same,
    "bool": _same,
    "text": _same,
    "json": _same,
}

DECODERS: dict[str, Callable[[Any], Any]] = {
    "datetime": datetime.fromisoformat,
    "bytes": base64.b64decode,
    "float": _encode_float,
    "int": _same,
    "bool": _same,
    "text": _same,
    "json": _same,
}


def encode_row(codecs: list[Callable[[Any], Any]], values: tuple[Any, ...] | list[Any]) -> bytes:
    line = [
        v if v is None or codec is _same else codec(v)
        for codec, v in zip(codecs, values, strict=True)
    ]
    # ensure_ascii=False keeps text as UTF-8 (smaller); the JSON of JSON columns keeps its key
    # order, which is what the API returns.
    return json.dumps(line, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def decode_row(codecs: list[Callable[[Any], Any]], line: bytes) -> list[Any]:
    values = json.loads(line)
    if not isinstance(values, list) or len(values) != len(codecs):
        raise ArchiveError("a row does not match its table's columns")
    return [
        v if v is None or codec is _same else codec(v)
        for codec, v in zip(codecs, values, strict=True)
    ]


@dataclass
class ColumnEntry:
    name: str
    codec: str


@dataclass
class TableEntry:
    name: str
    file: str
    rows: int
    sha256: str
    bytes: int
    columns: list[ColumnEntry]


@dataclass
class Manifest:
    schema_revisions: list[str]
    created: str
    source_dialect: str
    # The deployment secret's check value: tells a restore whether its secret decrypts the keys.
    secret_check: str | None
    tables: list[TableEntry] = field(default_factory=list)
    format: str = FORMAT
    format_version: int = FORMAT_VERSION

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), indent=2).encode("utf-8") + b"\n"

    @property
    def total_rows(self) -> int:
        return sum(t.rows for t in self.tables)

    def table(self, name: str) -> TableEntry | None:
        return next((t for t in self.tables if t.name == name), None)

    @classmethod
    def from_json(cls, data: bytes) -> Manifest:
        try:
            raw = json.loads(data)
        except ValueError:
            raise ArchiveError("the manifest is not JSON") from None
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            raise ArchiveError("not a camunda-hub backup (manifest.json has another format)")
        version = raw.get("format_version")
        if not isinstance(version, int) or version > FORMAT_VERSION:
            raise ArchiveError(
                f"backup format version {version!r} is newer than this camunda-hub reads "
                f"({FORMAT_VERSION}): restore with a newer camunda-hub"
            )
        try:
            tables = [
                TableEntry(
                    name=t["name"],
                    file=t["file"],
                    rows=int(t["rows"]),
                    sha256=t["sha256"],
                    bytes=int(t["bytes"]),
                    columns=[ColumnEntry(c["name"], c["codec"]) for c in t["columns"]],
                )
                for t in raw["tables"]
            ]
            manifest = cls(
                schema_revisions=list(raw["schema_revisions"]),
                created=raw["created"],
                source_dialect=raw["source_dialect"],
                secret_check=raw.get("secret_check"),
                tables=tables,
                format_version=version,
            )
        except (KeyError, TypeError, ValueError):
            raise ArchiveError("the manifest is incomplete or malformed") from None
        for table in tables:
            for column in table.columns:
                if column.codec not in DECODERS:
                    raise ArchiveError(f"unknown column codec {column.codec!r} in {table.name}")
        return manifest
