"""Brute-force throttling of console sign-ins, per account and per client address.

Each attempt is counted *before* the password is checked (and uncounted when it succeeds), so a
burst of parallel guesses is throttled as well as a sequence. After ``free`` failures the key is
locked for 2, 4, 8 … seconds, up to ``MAX_LOCK``; while locked, attempts are refused without
looking at the password. Counters are forgotten after ``FORGET_AFTER`` without a failure.

Unknown accounts are throttled exactly like real ones, so throttling reveals nothing."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.store.schema.base import utcnow
from camunda_hub.server.store.schema.console import SignInThrottle

ACCOUNT_FREE_FAILURES = 3
ADDRESS_FREE_FAILURES = 10
MAX_LOCK = timedelta(minutes=15)
FORGET_AFTER = timedelta(hours=1)


@dataclass(frozen=True)
class Key:
    value: str
    free: int


def keys_for(email: str, address: str | None) -> list[Key]:
    keys = [Key(f"account:{email[:320]}", ACCOUNT_FREE_FAILURES)]
    if address:
        keys.append(Key(f"address:{address[:64]}", ADDRESS_FREE_FAILURES))
    return keys


def lock_for(failures: int, free: int) -> timedelta:
    if failures <= free:
        return timedelta(0)
    exponent = min(failures - free, 20)
    return min(timedelta(seconds=2**exponent), MAX_LOCK)


def _locked_until(row: SignInThrottle, free: int) -> datetime | None:
    lock = lock_for(row.failures, free)
    return row.last_failure + lock if lock else None


async def begin_attempt(session: AsyncSession, keys: list[Key]) -> int:
    """Count an attempt; returns 0 when it may go ahead, else the seconds to wait (the attempt
    is then not counted). Call inside a write transaction."""
    now = utcnow()
    rows = {key.value: await session.get(SignInThrottle, key.value) for key in keys}
    wait = 0
    for key in keys:
        row = rows[key.value]
        if row is None or row.last_failure + FORGET_AFTER <= now:
            continue
        if row.locked_until is not None and row.locked_until > now:
            wait = max(wait, math.ceil((row.locked_until - now).total_seconds()))
    if wait:
        return wait
    for key in keys:
        row = rows[key.value]
        if row is None:
            row = SignInThrottle(key=key.value, failures=0, last_failure=now)
            session.add(row)
        elif row.last_failure + FORGET_AFTER <= now:
            row.failures = 0
        row.failures += 1
        row.last_failure = now
        row.locked_until = _locked_until(row, key.free)
    # Old counters go on the way, so the table cannot grow without bound.
    await session.execute(
        delete(SignInThrottle).where(SignInThrottle.last_failure < now - FORGET_AFTER)
    )
    return 0


async def succeeded(session: AsyncSession, keys: list[Key]) -> None:
    """The attempt counted by ``begin_attempt`` was a successful sign-in: the account starts
    afresh; the address gets its one attempt back."""
    for index, key in enumerate(keys):
        row = await session.get(SignInThrottle, key.value)
        if row is None:
            continue
        if index == 0:
            await session.delete(row)
            continue
        row.failures = max(0, row.failures - 1)
        row.locked_until = _locked_until(row, key.free)
