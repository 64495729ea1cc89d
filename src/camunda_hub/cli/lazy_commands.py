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
        command = group.commands[self.name]
        skip_unset_coercion(command)
        return command


def skip_unset_coercion(command: Any) -> None:
    """Let the options left unset on a command line cost nothing to parse.

    Typer (0.29) coerces every parameter through a pydantic ``TypeAdapter`` that it builds when
    the parameter is first processed — also for an option that was not given, whose value
    (``None``, or ``()`` for a multi-value one) it then returns without using the adapter. The
    connection options are such options on every Hub API command (the environment sets them),
    and building their adapters imports pydantic: most of what ``camunda-hub token`` cost. Here
    an unset value skips the build; a given one is coerced by Typer's own adapter, built then.
    A Typer without this hook (older, click-based) is left as it is."""
    for param in getattr(command, "params", ()):
        _skip_unset(param)
    help_option = getattr(command, "get_help_option", None)
    if help_option is not None and not isinstance(help_option, _HelpOption):
        command.get_help_option = _HelpOption(help_option)
    for sub in getattr(command, "commands", {}).values():
        skip_unset_coercion(sub)


def _skip_unset(param: Any) -> Any:
    build = getattr(param, "get_runtime_param", None)
    if build is not None and not isinstance(build, _UnsetFirst):
        param.get_runtime_param = _UnsetFirst(build)
    return param


class _HelpOption:
    """Stands in for a command's ``get_help_option``: the ``--help`` option is made when the
    command is first parsed, and is not given on most command lines either."""

    def __init__(self, make: Callable[[Any], Any]) -> None:
        self._make = make

    def __call__(self, ctx: Any) -> Any:
        option = self._make(ctx)
        return option if option is None else _skip_unset(option)


class _UnsetFirst:
    """Stands in for a parameter's ``get_runtime_param`` (called as ``get_runtime_param()``
    then ``.coerce(value, param=…, ctx=…)``)."""

    def __init__(self, build: Callable[[], Any]) -> None:
        self._build = build
        self._built: Any = None

    def __call__(self) -> _UnsetFirst:
        return self

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        if value is None:
            # What Typer's RuntimeParam.coerce returns for None, before it uses the adapter.
            return () if param.multiple or param.nargs == -1 else None
        if self._built is None:
            self._built = self._build()
        return self._built.coerce(value, param=param, ctx=ctx)


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

        def get_help_option(self, ctx: Any) -> Any:
            option = super().get_help_option(ctx)
            return option if option is None else _skip_unset(option)

        def resolve_command(self, ctx: Any, args: list[str]) -> Any:
            listed = self.commands.get(args[0]) if args else None
            if isinstance(listed, _Listed):
                self.commands[args[0]] = listed.lazy.command()
            return super().resolve_command(ctx, args)

    return LazyGroup
