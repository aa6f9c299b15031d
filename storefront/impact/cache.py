"""The impact figures in the shared cache (Flask-Caching: Redis in production, so every instance
shows the same figures; one process's memory in development), dropped when money moves.

Keys live under "impact:<generation>:": a posted sale, refund or payout (any ledger posting, see
earnings.services._post) bumps the generation once its transaction commits, so every instance's
next page recomputes. A cache that does not answer (Redis down) only costs the computation."""

import logging
from collections.abc import Callable

from flask import current_app
from redis.exceptions import RedisError
from sqlalchemy import event
from sqlalchemy.orm import Session

from storefront.extensions import cache

log = logging.getLogger(__name__)
PREFIX = "impact:"
GENERATION = "impact:generation"
POSTED = "ledger_posted"  # set in a session's info by earnings.services._post


def cached[T](key: str, compute: Callable[[], T]) -> T:
    """`compute()` at most once per IMPACT_CACHE_SECONDS for this key and ledger state, on
    every instance together (0 turns caching off)."""
    ttl = current_app.config.get("IMPACT_CACHE_SECONDS", 60)
    if not ttl:
        return compute()
    try:
        full = f"{PREFIX}{cache.get(GENERATION) or 0}:{key}"
        hit = cache.get(full)
    except RedisError as error:
        log.warning("impact cache unreachable; computing", extra={"error": str(error)})
        return compute()
    if hit is not None:
        return hit
    value = compute()
    try:
        cache.set(full, value, timeout=ttl)
    except RedisError as error:
        log.warning("impact cache unreachable; not stored", extra={"error": str(error)})
    return value


def invalidate() -> None:
    """Every instance recomputes the figures on its next page."""
    try:
        if cache.cache.inc(GENERATION) is None:  # a backend that cannot count: start one
            cache.set(GENERATION, 1, timeout=0)
    except RedisError as error:
        log.warning("impact cache unreachable; figures may be stale", extra={"error": str(error)})


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    if session.info.pop(POSTED, False):
        invalidate()


@event.listens_for(Session, "after_soft_rollback")
def _after_rollback(session: Session, _previous) -> None:
    session.info.pop(POSTED, None)
