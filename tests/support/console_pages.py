"""What the console tests read off a rendered page."""

from __future__ import annotations

import re

import httpx

_CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_token(page: httpx.Response) -> str:
    """The CSRF token the page's form carries (the page fails the test without one)."""
    match = _CSRF_RE.search(page.text)
    assert match, page.text
    return match.group(1)
