"""Readiness: /readyz answers 200 when every dependency answers, else 503 naming which did not
(a load balancer stops sending visitors to this instance until it is ready again). /healthz (in
core) only says the process is alive and does no I/O, so a slow database never restarts it.

Each check raises when its dependency does not answer within a short timeout. The job queue's
helper can replace or extend `check_queue` (it pings REDIS_URL, the queue's Redis)."""

import logging
from collections.abc import Callable

import redis
from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from storefront.extensions import db
from storefront.media.storage import get_storage

bp = Blueprint("health", __name__)
log = logging.getLogger(__name__)


def _ping(url: str) -> None:
    timeout = current_app.config.get("REDIS_TIMEOUT_SECONDS", 2)
    client = redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)
    try:
        client.ping()
    finally:
        client.close()


def check_database() -> None:
    try:
        db.session.execute(text("SELECT 1"))
    finally:
        db.session.rollback()


def check_redis() -> None:
    """The Redis of the rate limits and of the shared cache, when they use one."""
    config = current_app.config
    urls = {config.get("CACHE_REDIS_URL"), config.get("RATELIMIT_STORAGE_URI")}
    for url in sorted(u for u in urls if u and u.startswith(("redis://", "rediss://", "unix://"))):
        _ping(url)


def check_storage() -> None:
    get_storage().check()


def check_queue() -> None:
    """The job queue's Redis (REDIS_URL); without it jobs run in-process, nothing to reach."""
    url = current_app.config.get("REDIS_URL")
    if url:
        _ping(url)


CHECKS: dict[str, Callable[[], None]] = {
    "database": check_database,
    "redis": check_redis,
    "storage": check_storage,
    "queue": check_queue,
}


@bp.get("/readyz")
def readyz():
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
            results[name] = "ok"
        except Exception as error:  # any failure of a dependency means "not ready"
            log.warning("not ready: %s", name, extra={"dependency": name, "error": str(error)})
            results[name] = "unavailable"
    failed = [name for name, state in results.items() if state != "ok"]
    body = {"status": "unavailable" if failed else "ok", "checks": results, "failed": failed}
    response = jsonify(body)
    response.status_code = 503 if failed else 200
    response.headers["Cache-Control"] = "no-store"
    return response
