"""What the resource commands share: opening the Hub and printing one resource, a list of them
or a container with its folders and files, so each command body only says what it asks for."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from camunda_hub.cli.errors import EXIT_USAGE, fail
from camunda_hub.cli.hub_commands.connection import connection, with_connection
from camunda_hub.cli.hub_commands.failures import client_errors
from camunda_hub.cli.hub_commands.output import print_fields, print_json, print_table

if TYPE_CHECKING:
    from camunda_hub.client import HubClient
from camunda_hub.client.filters import like
from camunda_hub.client.models import File, Folder

AsJson = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
Permanent = Annotated[
    bool, typer.Option("--permanent", help="Delete for good instead of moving to recently deleted.")
]
Limit = Annotated[int | None, typer.Option("--limit", min=1, help="Stop after this many results.")]
NamePattern = Annotated[
    str | None, typer.Option("--name", help="Name filter; * and ? are wildcards.")
]

F = TypeVar("F", bound=Callable[..., Any])

FOLDER_COLUMNS = ("key", "name", "updated")
FILE_COLUMNS = ("key", "path", "type", "revision", "updated")


def command(app: typer.Typer, name: str) -> Callable[[F], F]:
    """``@app.command(name)`` for a command that takes the connection options."""

    def register(function: F) -> F:
        with_options = with_connection(function)
        app.command(name)(with_options)
        return with_options

    return register


@contextmanager
def hub_session() -> Iterator[HubClient]:
    # The client is built inside client_errors: a bad configuration is an SDK error too.
    with client_errors(), connection().client() as hub:
        yield hub


def take(items: Iterable[Any], limit: int | None) -> list[Any]:
    result: list[Any] = []
    for item in items:
        if limit is not None and len(result) >= limit:
            break
        result.append(item)
    return result


def name_filter(name: str | None) -> Any:
    return like(name) if name else None


def given(value: Any) -> Any:
    """``None`` from an unset option means "keep", which the SDK spells ``UNSET``."""
    from camunda_hub.client import UNSET

    return value if value is not None else UNSET


def moved(target: str | None, to_root: bool) -> Any:
    return None if to_root else given(target)


def exclusive(first: str, first_given: bool, second: str, second_given: bool) -> None:
    if first_given and second_given:
        fail(f"{first} and {second} exclude each other", EXIT_USAGE)


def raws(items: Iterable[Any]) -> list[dict[str, Any]]:
    return [dict(item.raw) for item in items]


def print_list(
    items: list[Any],
    as_json: bool,
    columns: Sequence[str],
    row: Callable[[Any], tuple[Any, ...]],
    title: str,
) -> None:
    if as_json:
        print_json(raws(items))
    else:
        print_table(columns, [row(item) for item in items], title=title)


def print_result(item: Any, as_json: bool, text: str) -> None:
    """A created/updated resource: its JSON, or one line (the key, for ``$(…)`` in scripts)."""
    if as_json:
        print_json(dict(item.raw))
    else:
        typer.echo(text)


def print_one(item: Any, as_json: bool, fields: Mapping[str, Any], title: str) -> None:
    if as_json:
        print_json(dict(item.raw))
    else:
        print_fields(fields, title=title)


def print_content(content: str | None) -> None:
    sys.stdout.write(content or "")
    sys.stdout.flush()


def print_deleted(kind: str, key: str, permanent: bool) -> None:
    typer.echo(f"{kind} {key} {'permanently deleted' if permanent else 'deleted'}")


def delete(kind: str, key: str, permanent: bool, resources: Callable[[HubClient], Any]) -> None:
    """``--permanent`` or recoverable delete of ``key`` in the collection ``resources(hub)``."""
    with hub_session() as hub:
        resources(hub).delete(key, permanent=permanent)
    print_deleted(kind, key, permanent)


def folder_row(f: Folder) -> tuple[Any, ...]:
    return (f.folder_key, f.name, f.updated)


def file_row(f: File) -> tuple[Any, ...]:
    return (f.file_key, f.simple_path or f.name, f.type, f.revision, f.updated)


def print_container(
    kind: str,
    item: Any,
    fields: Mapping[str, Any],
    folders: list[Folder],
    files: list[File],
    as_json: bool,
) -> None:
    """A project or folder with what it directly contains."""
    if as_json:
        print_json(
            {kind: dict(item.raw), "content": {"folders": raws(folders), "files": raws(files)}}
        )
        return
    print_fields(fields, title=kind.capitalize())
    print_table(FOLDER_COLUMNS, [folder_row(f) for f in folders], title="Folders")
    print_table(FILE_COLUMNS, [file_row(f) for f in files], title="Files")


def read_model(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        fail(f"{path} does not exist", EXIT_USAGE)
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"cannot read {path}: {exc}", EXIT_USAGE)
    if not text:
        fail(f"{path} is empty: the Hub does not keep empty files", EXIT_USAGE)
    return text
