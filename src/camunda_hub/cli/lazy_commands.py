"""Subcommands whose modules are imported only when they run.

Click's documented pattern for large CLIs ("lazily loading subcommands"), on Typer's group: the
group lists every subcommand with the one-line help it is given here, and imports a subcommand's
module (and so its dependencies: the SDK, httpx, the server, rich tables…) only when that
subcommand is the one invoked — its own ``--help`` included."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup


@dataclass(frozen=True)
class Lazy:
    """A subcommand: its name, what ``camunda-hub --help`` lists for it (the first paragraph
    of its own help; tests/test_cli_lazy_commands.py holds the two together), and a function
    returning its Typer app or command function."""

    name: str
    help: str
    load: Callable[[], typer.Typer | Callable[..., Any]]

    def command(self) -> Any:
        """The subcommand exactly as ``app.add_typer``/``app.command`` would have built it."""
        target = self.load()
        holder = typer.Typer(add_completion=False)
        if isinstance(target, typer.Typer):
            holder.add_typer(target, name=self.name)
        else:
            holder.command(self.name)(target)
        holder.callback()(_no_options)
        group = typer.main.get_command(holder)
        if not isinstance(group, TyperGroup):
            raise TypeError(f"Typer built {group!r} for {self.name!r}, not a group")
        return group.commands[self.name]


def _no_options() -> None:
    """(The holder group's callback: it only makes Typer build a group.)"""


class _Listed(TyperCommand):
    """Stands in for a subcommand that is not imported: enough for the group's help listing
    and its "did you mean" suggestions."""

    def __init__(self, lazy: Lazy) -> None:
        super().__init__(lazy.name, help=lazy.help)
        self.lazy = lazy


def lazy_group(subcommands: tuple[Lazy, ...]) -> type[TyperGroup]:
    """A ``TyperGroup`` class (for ``typer.Typer(cls=…)``) holding these subcommands."""

    class LazyGroup(TyperGroup):
        def __init__(self, **attrs: Any) -> None:
            super().__init__(**attrs)
            for lazy in subcommands:
                self.commands.setdefault(lazy.name, _Listed(lazy))

        def resolve_command(self, ctx: Any, args: list[str]) -> Any:
            listed = self.commands.get(args[0]) if args else None
            if isinstance(listed, _Listed):
                self.commands[args[0]] = listed.lazy.command()
            return super().resolve_command(ctx, args)

    return LazyGroup
