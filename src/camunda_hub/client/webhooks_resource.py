"""``hub.webhooks`` (a camunda-hub extension), sync and async as mirror images. Answers are
the API's JSON objects (``webhookKey``, ``url``, ``types``, ``status`` …); ``create`` and
``rotate_secret`` return the secret, which the server shows only then."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from camunda_hub.client.operations import UNSET, Call

Json = dict[str, Any]
JsonList = list[Json]


def _json(data: Any) -> Json:
    if not isinstance(data, dict):
        raise ValueError("not an object")
    return data


def _items(data: Any) -> list[Json]:
    return [_json(item) for item in _json(data)["items"]]


def _nothing(_: Any) -> None:
    return None


def _key(key: str) -> str:
    from urllib.parse import quote

    if not key:
        raise ValueError("a webhook key must not be empty")
    return quote(key, safe="")


def create_call(url: str, types: Iterable[str] | None, description: str | None) -> Call[Json]:
    body: Json = {"url": url}
    if types is not None:
        body["types"] = list(types)
    if description is not None:
        body["description"] = description
    return Call("POST", "/webhooks", _json, body)


def update_call(key: str, **fields: Any) -> Call[Json]:
    body = {name: value for name, value in fields.items() if value is not UNSET}
    return Call("PATCH", f"/webhooks/{_key(key)}", _json, body)


def search_call(active: bool | None, limit: int, offset: int) -> Call[list[Json]]:
    body: Json = {"page": {"limit": limit, "from": offset}}
    if active is not None:
        body["filter"] = {"active": active}
    return Call("POST", "/webhooks/search", _items, body)


def rotate_call(key: str, grace_seconds: int) -> Call[Json]:
    return Call(
        "POST",
        f"/webhooks/{_key(key)}/secret-rotation",
        _json,
        {"gracePeriodSeconds": grace_seconds},
    )


def deliveries_call(key: str, limit: int, offset: int) -> Call[list[Json]]:
    return Call(
        "POST",
        f"/webhooks/{_key(key)}/deliveries/search",
        _items,
        {"page": {"limit": limit, "from": offset}},
    )


class Webhooks:
    def __init__(self, run: Callable[[Call[Any]], Any]) -> None:
        self._run = run

    def create(
        self, url: str, *, types: Iterable[str] | None = None, description: str | None = None
    ) -> Json:
        result: Json = self._run(create_call(url, types, description))
        return result

    def get(self, key: str) -> Json:
        result: Json = self._run(Call("GET", f"/webhooks/{_key(key)}", _json))
        return result

    def update(
        self,
        key: str,
        *,
        url: Any = UNSET,
        types: Any = UNSET,
        description: Any = UNSET,
        active: Any = UNSET,
    ) -> Json:
        result: Json = self._run(
            update_call(key, url=url, types=types, description=description, active=active)
        )
        return result

    def delete(self, key: str) -> None:
        self._run(Call("DELETE", f"/webhooks/{_key(key)}", _nothing))

    def list(self, *, active: bool | None = None, limit: int = 100, offset: int = 0) -> JsonList:
        result: JsonList = self._run(search_call(active, limit, offset))
        return result

    def rotate_secret(self, key: str, *, grace_seconds: int = 86400) -> Json:
        result: Json = self._run(rotate_call(key, grace_seconds))
        return result

    def deliveries(self, key: str, *, limit: int = 100, offset: int = 0) -> JsonList:
        result: JsonList = self._run(deliveries_call(key, limit, offset))
        return result


class AsyncWebhooks:
    def __init__(self, run: Callable[[Call[Any]], Awaitable[Any]]) -> None:
        self._run = run

    async def create(
        self, url: str, *, types: Iterable[str] | None = None, description: str | None = None
    ) -> Json:
        result: Json = await self._run(create_call(url, types, description))
        return result

    async def get(self, key: str) -> Json:
        result: Json = await self._run(Call("GET", f"/webhooks/{_key(key)}", _json))
        return result

    async def update(
        self,
        key: str,
        *,
        url: Any = UNSET,
        types: Any = UNSET,
        description: Any = UNSET,
        active: Any = UNSET,
    ) -> Json:
        result: Json = await self._run(
            update_call(key, url=url, types=types, description=description, active=active)
        )
        return result

    async def delete(self, key: str) -> None:
        await self._run(Call("DELETE", f"/webhooks/{_key(key)}", _nothing))

    async def list(
        self, *, active: bool | None = None, limit: int = 100, offset: int = 0
    ) -> JsonList:
        result: JsonList = await self._run(search_call(active, limit, offset))
        return result

    async def rotate_secret(self, key: str, *, grace_seconds: int = 86400) -> Json:
        result: Json = await self._run(rotate_call(key, grace_seconds))
        return result

    async def deliveries(self, key: str, *, limit: int = 100, offset: int = 0) -> JsonList:
        result: JsonList = await self._run(deliveries_call(key, limit, offset))
        return result
