"""Random identifiers for the hot paths (token ``jti``, request ids), drawn from the operating
system's CSPRNG in blocks: one ``getrandom`` call per few hundred ids instead of one per id,
which was a few per cent of the token endpoint's time. Same randomness as ``secrets``; a forked
child drops its parent's block before its first id (``os.register_at_fork``), so two processes
never hand out the same bytes."""

from __future__ import annotations

import base64
import os
import threading
import weakref


class RandomBlocks:
    def __init__(self, size: int, per_block: int = 256) -> None:
        self._size = size
        self._block_bytes = size * per_block
        self._block = b""
        self._offset = 0
        self._lock = threading.Lock()  # used from the event loop, but never share bytes
        _instances.add(self)

    def take(self) -> bytes:
        with self._lock:
            if self._offset >= len(self._block):
                self._block, self._offset = os.urandom(self._block_bytes), 0
            chunk = self._block[self._offset : self._offset + self._size]
            self._offset += self._size
        return chunk

    def urlsafe(self) -> str:
        return base64.urlsafe_b64encode(self.take()).rstrip(b"=").decode()

    def hex(self) -> str:
        return self.take().hex()

    def _forget(self) -> None:
        # In the child, right after fork: the lock may have been held by another thread of
        # the parent at that moment, so it is replaced, not taken.
        self._lock = threading.Lock()
        self._block, self._offset = b"", 0


_instances: weakref.WeakSet[RandomBlocks] = weakref.WeakSet()


def _after_fork_in_child() -> None:
    for blocks in list(_instances):
        blocks._forget()


os.register_at_fork(after_in_child=_after_fork_in_child)
