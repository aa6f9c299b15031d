"""Where photos live: a storage interface, with a local-filesystem one under instance/uploads/."""

import re
from pathlib import Path
from typing import Protocol

from flask import current_app

NAME_RE = re.compile(r"^[0-9a-f]{24}-\d{2,4}\.webp$")


class Storage(Protocol):
    def save(self, name: str, data: bytes) -> None: ...
    def path(self, name: str) -> Path | None: ...
    def delete(self, name: str) -> None: ...


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

    def path(self, name: str) -> Path | None:
        if not NAME_RE.match(name):
            return None
        candidate = self.root / name
        return candidate if candidate.is_file() else None

    def delete(self, name: str) -> None:
        if NAME_RE.match(name):
            (self.root / name).unlink(missing_ok=True)


def get_storage() -> Storage:
    """The storage configured for this app."""
    return current_app.extensions["storefront.storage"]
