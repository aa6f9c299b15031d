"""A tiny time-based cache for figures that are costly and may be a minute old."""

import time
from collections.abc import Callable
from threading import Lock

from flask import current_app

_store: dict[str, tuple[float, object]] = {}
_lock = Lock()


def cached[T](key: str, compute: Callable[[], T]) -> T:
    """`compute()` at most once per IMPACT_CACHE_SECONDS for this key (0 turns caching off)."""
    ttl = current_app.config.get("IMPACT_CACHE_SECONDS", 60)
    now = time.monotonic()
    with _lock:
        hit = _store.get(key)
        if ttl and hit and now - hit[0] < ttl:
            return hit[1]  # type: ignore[return-value]  # stored by compute() for this key
    value = compute()
    with _lock:
        _store[key] = (now, value)
    return value


def clear() -> None:
    with _lock:
        _store.clear()
