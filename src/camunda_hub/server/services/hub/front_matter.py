"""The YAML front matter of a catalog README (``---`` … ``---`` at the very top).

Parsed with PyYAML's safe loader (plain data only: no Python objects, no tags that run code),
narrowed further: anchors, aliases and merge keys are refused outright (a front matter needs
none of them, and aliases are how a small YAML document becomes a huge structure). The block is
capped at ``MAX_BYTES`` before parsing, and the values the catalog reads are type-checked
afterwards. Errors say what is wrong and in which README part."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from camunda_hub.server.services.errors import InvalidInput

MAX_BYTES = 64 * 1024
MAX_TAGS = 100
TEXT_MAX = 255
_FENCE = "---"
_CLOSERS = ("---", "...")


@dataclass(frozen=True)
class FrontMatter:
    template: str
    category: str | None
    tags: tuple[str, ...]
    body: str


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def parse(text: str, where: str) -> FrontMatter:
    """Split ``text`` into its front matter and Markdown body; ``where`` names the part."""
    lines = _lines(text.removeprefix("\ufeff"))
    if not lines or lines[0].rstrip() != _FENCE:
        raise InvalidInput(
            f"{where}: a README must start with a YAML front matter block ('---' line, "
            "'template: <file>.json', '---' line)"
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip() in _CLOSERS:
            block = "".join(lines[1:index])
            body = "".join(lines[index + 1 :])
            break
    else:
        raise InvalidInput(f"{where}: the front matter block is not closed by a '---' line")
    if len(block.encode()) > MAX_BYTES:
        raise InvalidInput(f"{where}: the front matter is larger than {MAX_BYTES} bytes")
    return _fields(_load(block, where), body, where)


_MERGE = "tag:yaml.org,2002:merge"


class _PlainLoader(yaml.SafeLoader):
    """The safe loader without anchors, aliases and merge keys."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise yaml.composer.ComposerError(
                None, None, "anchors and aliases are not allowed", event.start_mark
            )
        return super().compose_node(parent, index)

    def flatten_mapping(self, node: Any) -> None:
        for key_node, _value in node.value:
            if key_node.tag == _MERGE:
                raise yaml.constructor.ConstructorError(
                    None, None, "merge keys are not allowed", key_node.start_mark
                )
        super().flatten_mapping(node)


def _load(block: str, where: str) -> dict[str, Any]:
    try:
        data = yaml.load(block, Loader=_PlainLoader)  # noqa: S506 - a SafeLoader subclass
    except (yaml.YAMLError, RecursionError):
        # The parser's message quotes the input and positions; the location is what helps.
        raise InvalidInput(f"{where}: the front matter is not valid YAML") from None
    if not isinstance(data, dict):
        raise InvalidInput(f"{where}: the front matter must be a YAML mapping (key: value lines)")
    return data


def _text(value: object, where: str, *, required: bool) -> str | None:
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(f"{where}: must be a non-empty string")
    value = value.strip()
    if len(value) > TEXT_MAX:
        raise InvalidInput(f"{where}: must have at most {TEXT_MAX} characters")
    if "\x00" in value:
        raise InvalidInput(f"{where}: must not contain NUL characters")
    return value


def _tags(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        raise InvalidInput(f"{where}.tags: must be a list of strings")
    if len(items) > MAX_TAGS:
        raise InvalidInput(f"{where}.tags: at most {MAX_TAGS} tags are allowed")
    tags: list[str] = []
    for index, item in enumerate(items):
        tag = _text(item, f"{where}.tags[{index}]", required=True)
        if tag is not None and tag not in tags:
            tags.append(tag)
    return tuple(tags)


def _fields(data: dict[str, Any], body: str, where: str) -> FrontMatter:
    # Keys other than these are ignored: catalog repositories may carry their own metadata.
    template = _text(data.get("template"), f"{where}: front matter 'template'", required=True)
    assert template is not None
    category = _text(data.get("category"), f"{where}: front matter 'category'", required=False)
    return FrontMatter(
        template=template,
        category=category,
        tags=_tags(data.get("tags"), f"{where}: front matter"),
        body=body,
    )
