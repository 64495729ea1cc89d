"""Optional on-disk token cache, shared by every process of the same user.

The folder is created 0700 and each token file 0600; files are replaced atomically (write a
temporary file in the same folder, then rename), so a reader sees the old token or the new one,
never half of either. An advisory lock file per cache entry (``fcntl.flock`` where available)
lets one process fetch while the others wait and then read its result. When the folder cannot be
used the cache warns once and the SDK carries on with its in-memory cache."""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import stat
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path

from camunda_hub.client.redact import Secret
from camunda_hub.client.token_request import Token

try:
    import fcntl
except ImportError:  # Windows: atomic replace still holds; only cross-process single flight is lost
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger("camunda_hub.client.tokens")

DIR_MODE = 0o700
FILE_MODE = 0o600


class DiskCacheUnavailable(UserWarning):
    """The token cache folder cannot be used; tokens are kept in memory only."""


class DiskTokenCache:
    def __init__(self, folder: Path, key: tuple[str, ...]) -> None:
        self.folder = folder
        name = hashlib.sha256("\0".join(key).encode()).hexdigest()[:40]
        self.path = folder / f"{name}.json"
        self.lock_path = folder / f"{name}.lock"
        self.usable = self._prepare()

    def _prepare(self) -> bool:
        try:
            self.folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
            info = self.folder.stat()
            if stat.S_IMODE(info.st_mode) != DIR_MODE:
                # Someone else's folder, or one made with a loose umask: tighten it if it is ours.
                os.chmod(self.folder, DIR_MODE)
            if not os.access(self.folder, os.W_OK | os.X_OK):
                raise PermissionError(f"cannot write to {self.folder}")
        except OSError as exc:
            self._give_up(exc)
            return False
        return True

    def _give_up(self, exc: OSError) -> None:
        message = (
            f"token disk cache disabled, keeping tokens in memory only: "
            f"{exc.strerror or exc} ({self.folder})"
        )
        log.warning(message)
        warnings.warn(message, DiskCacheUnavailable, stacklevel=4)

    def load(self) -> Token | None:
        if not self.usable:
            return None
        try:
            with open(self.path, encoding="utf-8") as handle:
                data = json.load(handle)
            return Token(
                access_token=Secret(str(data["access_token"])),
                expires_at=float(data["expires_at"]),
                lifetime=float(data["lifetime"]),
                scope=data.get("scope"),
            )
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            # A damaged or foreign file is no token: the next fetch replaces it.
            return None

    def save(self, token: Token) -> None:
        if not self.usable:
            return
        data = {
            "access_token": token.access_token.reveal(),
            "expires_at": token.expires_at,
            "lifetime": token.lifetime,
            "scope": token.scope,
        }
        tmp_name = None
        try:
            # mkstemp creates the file 0600 from the start: the token is never readable by others.
            fd, tmp_name = tempfile.mkstemp(prefix=".tmp-", dir=self.folder)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp_name, FILE_MODE)
            os.replace(tmp_name, self.path)
            tmp_name = None
        except OSError as exc:
            self.usable = False
            self._give_up(exc)
        finally:
            if tmp_name is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp_name)

    def discard(self, token: Token) -> None:
        """Forget ``token`` if it is still the stored one (the API refused it)."""
        stored = self.load()
        if stored is not None and stored.access_token == token.access_token:
            with contextlib.suppress(OSError):
                os.unlink(self.path)

    def acquire(self) -> int | None:
        """Take the cross-process lock of this entry (blocking); None where there is none."""
        if not self.usable or fcntl is None:
            return None
        try:
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        except OSError:
            return None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:
            os.close(fd)
            return None
        return fd

    @staticmethod
    def release(fd: int | None) -> None:
        if fd is None or fcntl is None:
            return
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        fd = self.acquire()
        try:
            yield
        finally:
            self.release(fd)
