"""The hash a sign-in verifies for an unknown account costs what a real admin's does."""

from __future__ import annotations

from camunda_hub.server.services import admins


def test_the_unknown_account_hash_has_todays_parameters() -> None:
    assert not admins._hasher.check_needs_rehash(admins._DUMMY_HASH)
    assert not admins.verify_password(None, "camunda-hub: no such account")
    assert admins.verify_password(admins.rehash_password("a" * 12), "a" * 12)
