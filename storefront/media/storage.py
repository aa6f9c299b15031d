"""Where photos live: a storage interface, with a local-filesystem one under instance/uploads/
(the default) and an S3-compatible one (storefront/media/s3.py) chosen by STORAGE_BACKEND=s3.

Callers never see a local path: they save bytes, open a stored file as a stream, delete it, and
ask whether the storage answers (for /readyz). A storage that does not answer raises
StorageUnavailable (a DependencyUnavailable: the visitor gets the friendly 503 page)."""

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol

from flask import current_app

from storefront.errors import DependencyUnavailable

NAME_RE = re.compile(r"^[0-9a-f]{24}-\d{2,4}\.webp$")


class StorageUnavailable(DependencyUnavailable):
    """The storage did not answer (or answered with an error that is not "no such file")."""

    def __init__(self, detail: str = "") -> None:
        super().__init__("storage", detail)


@dataclass
class StoredFile:
    """An open stored file: read `stream`, then close it (the media view's response does)."""

    stream: IO[bytes]
    size: int | None


class Storage(Protocol):
    def save(self, name: str, data: bytes) -> None: ...
    def open(self, name: str) -> StoredFile | None: ...
    def delete(self, name: str) -> None: ...
    def check(self) -> None: ...


class LocalStorage:
    """Files in one folder; names are server-generated and checked before any path is built."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def save(self, name: str, data: bytes) -> None:
        if not NAME_RE.match(name):
            raise ValueError(f"bad storage name {name!r}")
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = self.root / f".{name}.tmp"
        tmp.write_bytes(data)
        tmp.replace(self.root / name)

    def open(self, name: str) -> StoredFile | None:
        if not NAME_RE.match(name):
            return None
        try:
            stream = (self.root / name).open("rb")
        except (FileNotFoundError, IsADirectoryError):
            return None
        return StoredFile(stream=stream, size=os.fstat(stream.fileno()).st_size)

    def delete(self, name: str) -> None:
        if NAME_RE.match(name):
            (self.root / name).unlink(missing_ok=True)

    def check(self) -> None:
        """The folder exists (or can be made) and is writable."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            probe = self.root / ".ready"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as error:
            raise StorageUnavailable(str(error)) from error


def get_storage() -> Storage:
    """The storage configured for this app."""
    return current_app.extensions["storefront.storage"]
