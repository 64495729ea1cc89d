"""Turning the parts of an ingestion request into the asset set it describes.

Each element template part is paired with the README whose front matter names the template's
file name. The whole request is checked before anything is written, and every inconsistency is
a 400 naming the part: a README without front matter, one that names a template that was not
uploaded, two READMEs for one template, a template without README, two templates with the same
file name or the same ``id``, a template that is not element-template JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from camunda_hub.server.services.errors import InvalidInput

TEXT_MAX = 255
INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1


@dataclass(frozen=True)
class Part:
    """One uploaded file: the part's file name (may be missing) and its bytes."""

    filename: str | None
    data: bytes


@dataclass(frozen=True)
class IngestedAsset:
    template_file: str
    resource_id: str
    name: str
    short_description: str | None
    version: int
    deprecated: bool
    content: str
    readme: str
    category: str | None
    tags: tuple[str, ...]


@dataclass(frozen=True)
class _Template:
    resource_id: str
    name: str
    description: str | None
    version: int
    deprecated: bool
    content: str


def _describe(kind: str, index: int, part: Part) -> str:
    named = f" ({part.filename!r})" if part.filename else ""
    return f"{kind}[{index}]{named}"


def _text(part: Part, where: str) -> str:
    try:
        text = part.data.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput(f"{where}: is not UTF-8 text") from None
    if "\x00" in text:
        raise InvalidInput(f"{where}: must not contain NUL characters")
    return text.removeprefix("\ufeff")


def _string(document: dict[str, Any], key: str, where: str, *, required: bool) -> str | None:
    value = document.get(key)
    if value in (None, "") and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(f"{where}: the element template needs a non-empty string {key!r}")
    if "\x00" in value:
        raise InvalidInput(f"{where}: the template's {key!r} must not contain NUL characters")
    if key != "description" and len(value) > TEXT_MAX:
        raise InvalidInput(f"{where}: the template's {key!r} has more than {TEXT_MAX} characters")
    return value


def _template(part: Part, where: str) -> _Template:
    content = _text(part, where)
    try:
        document = json.loads(content)
    except (ValueError, RecursionError):
        raise InvalidInput(f"{where}: is not valid JSON") from None
    if not isinstance(document, dict):
        raise InvalidInput(
            f"{where}: an element template must be one JSON object (a list of templates is "
            "not an asset)"
        )
    resource_id = _string(document, "id", where, required=True)
    name = _string(document, "name", where, required=True)
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise InvalidInput(
            f"{where}: the element template needs an integer 'version' (the catalog tracks "
            "assets by version)"
        )
    if not INT64_MIN <= version <= INT64_MAX:
        raise InvalidInput(f"{where}: the template's 'version' does not fit in 64 bits")
    applies_to = document.get("appliesTo")
    if not isinstance(applies_to, list) or not all(isinstance(t, str) for t in applies_to):
        raise InvalidInput(f"{where}: the element template needs 'appliesTo', a list of strings")
    if not isinstance(document.get("properties"), list):
        raise InvalidInput(f"{where}: the element template needs 'properties', a list")
    description = _string(document, "description", where, required=False) or None
    assert resource_id is not None and name is not None
    return _Template(
        resource_id=resource_id,
        name=name.strip(),
        description=description,
        version=version,
        # Element templates mark themselves deprecated with `true` or {message, documentationRef}.
        deprecated=bool(document.get("deprecated")),
        content=content,
    )


def assemble(readmes: list[Part], templates: list[Part]) -> list[IngestedAsset]:
    """The asset set of one ingestion request, in the order of its README parts."""
    if not readmes:
        raise InvalidInput("readme: at least one README part is required")
    if not templates:
        raise InvalidInput("template: at least one element template part is required")
    by_file: dict[str, tuple[str, _Template]] = {}
    file_of_id: dict[str, str] = {}
    for index, part in enumerate(templates):
        where = _describe("template", index, part)
        if not part.filename:
            raise InvalidInput(
                f"{where}: needs a file name (its README's front matter refers to it by name)"
            )
        if len(part.filename) > TEXT_MAX or "\x00" in part.filename:
            raise InvalidInput(f"{where}: the file name must have at most {TEXT_MAX} characters")
        if part.filename in by_file:
            raise InvalidInput(f"template: the file name {part.filename!r} is uploaded twice")
        template = _template(part, where)
        if template.resource_id in file_of_id:
            raise InvalidInput(
                f"{where}: template id {template.resource_id!r} is also the id of "
                f"{file_of_id[template.resource_id]!r}; each asset needs its own id"
            )
        file_of_id[template.resource_id] = part.filename
        by_file[part.filename] = (where, template)

    # Here, not at the top: PyYAML is ~1 % of the server's start, for a catalog upload.
    from camunda_hub.server.services.hub import front_matter

    assets: list[IngestedAsset] = []
    described: set[str] = set()
    for index, part in enumerate(readmes):
        where = _describe("readme", index, part)
        matter = front_matter.parse(_text(part, where), where)
        if matter.template not in by_file:
            raise InvalidInput(
                f"{where}: front matter names template {matter.template!r}, which is not "
                "among the uploaded template files"
            )
        if matter.template in described:
            raise InvalidInput(
                f"{where}: template {matter.template!r} already has a README; each template "
                "has exactly one"
            )
        described.add(matter.template)
        template = by_file[matter.template][1]
        assets.append(
            IngestedAsset(
                template_file=matter.template,
                resource_id=template.resource_id,
                name=template.name,
                short_description=template.description,
                version=template.version,
                deprecated=template.deprecated,
                content=template.content,
                readme=matter.body,
                category=matter.category,
                tags=matter.tags,
            )
        )
    for file_name, (where, _) in by_file.items():
        if file_name not in described:
            raise InvalidInput(f"{where}: no README names this template in its front matter")
    return assets
