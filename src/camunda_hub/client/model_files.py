"""Which local files are Hub models, and which Hub file type each one is.

The Hub stores a file's name without extension; ``simplePath`` adds the extension of its type.
A ``.json`` file is an element template unless it looks like a process test (``testCases``)."""

from __future__ import annotations

import json
from pathlib import PurePosixPath

EXTENSIONS: dict[str, str] = {
    ".bpmn": "bpmn",
    ".dmn": "dmn",
    ".form": "form",
    ".json": "element-template",
    ".rpa": "rpa",
    ".md": "markdown",
}
TYPE_EXTENSIONS: dict[str, str] = {
    "bpmn": ".bpmn",
    "dmn": ".dmn",
    "form": ".form",
    "element-template": ".json",
    "rpa": ".rpa",
    "markdown": ".md",
    "tests": ".json",
}


def file_type(path: str, content: str) -> str | None:
    """The Hub type of a local file, or None when it is not a model the Hub keeps."""
    suffix = PurePosixPath(path).suffix.lower()
    kind = EXTENSIONS.get(suffix)
    if kind == "element-template":
        try:
            data = json.loads(content)
        except ValueError:
            return kind
        if isinstance(data, dict) and "testCases" in data:
            return "tests"
    return kind


def hub_name(path: str) -> str:
    """The Hub file name of a local path: its last part without the type's extension."""
    leaf = PurePosixPath(path)
    return leaf.stem if leaf.suffix.lower() in EXTENSIONS else leaf.name


def local_path(simple_path: str, kind: str) -> str:
    """The local relative path of a Hub file: its ``simplePath``, extension ensured."""
    extension = TYPE_EXTENSIONS.get(kind, "")
    if extension and not simple_path.lower().endswith(extension):
        return simple_path + extension
    return simple_path
