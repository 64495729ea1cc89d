"""Brute-force throttling of console sign-ins, per (account, client address) and per address —
never per account alone: someone who knows an admin's e-mail must not be able to lock that admin
out from another address.

Each attempt is counted *before* the password is checked (and uncounted when it succeeds), so a
burst of parallel guesses is throttled as well as a sequence. After ``free`` failures a key is
locked for 2, 4, 8 … seconds, up to ``MAX_LOCK``; while locked, attempts are refused without
looking at the password. Counters are forgotten after ``FORGET_AFTER`` without a failure.

Guessing one account's password from many addresses is slowed by the account's budget
(``ACCOUNT_BUDGET`` failures, far above what a person mistypes in an hour): past it, an address
that fails for that account is locked at its first failure, for a time doubling with the failures
over the budget. The budget itself never refuses anything, so the admin with the right password
from an address that has not been failing always signs in.

Unknown accounts are throttled exactly like real ones, so throttling reveals nothing."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from camunda_hub.server.store.schema.base import utcnow
from camunda_hub.server.store.schema.console import SignInThrottle

ACCOUNT_FREE_FAILURES = 3  # per (account, address)
ADDRESS_FREE_FAILURES = 10
ACCOUNT_BUDGET = 100
MAX_LOCK = timedelta(minutes=15)
FORGET_AFTER = timedelta(hours=1)


@dataclass(frozen=True)
class Key:
    value: str
    free: int
    # False for the account's budget, which only lengthens the locks of failing addresses.
    refuses: bool = True


def keys_for(email: str, address: str | None) -> list[Key]:
    """The pair first (a success forgets it), the account's budget second."""
    keys = [
        Key(f"pair:{email[:320]}|{(address or '-')[:64]}", ACCOUNT_FREE_FAILURES),
        Key(f"account:{email[:320]}", ACCOUNT_BUDGET, refuses=False),
    ]
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
        if not key.refuses:
            continue
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
        row.locked_until = _locked_until(row, key.free) if key.refuses else None
        rows[key.value] = row
    _lengthen_past_budget(rows, keys)
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
        row.locked_until = _locked_until(row, key.free) if key.refuses else None


def _lengthen_past_budget(rows: dict[str, SignInThrottle | None], keys: list[Key]) -> None:
    pair, budget = rows[keys[0].value], rows[keys[1].value]
    if pair is None or budget is None or budget.failures <= keys[1].free:
        return
    over = budget.failures - keys[1].free
    lock = lock_for(pair.failures + over, 0)
    until = pair.last_failure + lock
    if pair.locked_until is None or pair.locked_until < until:
        pair.locked_until = until
