"""Random identifiers for the hot paths (token ``jti``, request ids), drawn from the operating
system's CSPRNG in blocks: one ``getrandom`` call per few hundred ids instead of one per id,
which was a few per cent of the token endpoint's time. Same randomness as ``secrets``; a forked
child refills before its first id, so two processes never hand out the same bytes."""

from __future__ import annotations

import base64
import os
import threading


class RandomBlocks:
    def __init__(self, size: int, per_block: int = 256) -> None:
        self._size = size
        self._block_bytes = size * per_block
        self._block = b""
        self._offset = 0
        self._pid = 0
        self._lock = threading.Lock()  # used from the event loop, but never share bytes

    def take(self) -> bytes:
        with self._lock:
            if self._offset >= len(self._block) or self._pid != os.getpid():
                self._block, self._offset, self._pid = os.urandom(self._block_bytes), 0, os.getpid()
            chunk = self._block[self._offset : self._offset + self._size]
            self._offset += self._size
        return chunk

    def urlsafe(self) -> str:
        return base64.urlsafe_b64encode(self.take()).rstrip(b"=").decode()

    def hex(self) -> str:
        return self.take().hex()
