"""`flask scheduler`: the periodic tasks, each every so many seconds (JOBS_*_SECONDS).

With Redis, each task is queued for a worker, at most once per interval however many schedulers
run (a Redis key per task and interval); the outbox relay runs in the scheduler itself (a few
queries). Without Redis, every task runs in this process.
"""

import logging
import signal
import time
from datetime import timedelta
from typing import Any

from flask import Flask

from storefront.database import utcnow
from storefront.jobs import queue
from storefront.jobs.registry import TASKS, task

log = logging.getLogger(__name__)
RELAY = "jobs.relay"


def schedule(app: Flask) -> dict[str, int]:
    """Task name -> interval in seconds; an interval of 0 switches the task off."""
    config = app.config
    table = {
        RELAY: config["JOBS_RELAY_SECONDS"],
        "payments.release_expired": config["JOBS_RELEASE_EXPIRED_SECONDS"],
        "payments.reconcile": config["JOBS_RECONCILE_SECONDS"],
        "listings.prune_staged_photos": config["JOBS_PRUNE_STAGED_SECONDS"],
    }
    return {name: seconds for name, seconds in table.items() if seconds > 0}


@task(RELAY)
def relay() -> int:
    """Hand on the jobs no worker took: committed but never queued (a crash, Redis down), due
    retries, and those whose worker died mid-job. Returns how many were handed on."""
    from flask import current_app

    from storefront.jobs.dispatch import run_inline
    from storefront.jobs.runner import bury_expired, due_ids

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    now = utcnow()
    bury_expired(now)
    ids = due_ids(now, timedelta(seconds=app.config["JOBS_RELAY_GRACE_SECONDS"]))
    if not app.config.get("JOBS_REDIS_URL"):
        run_inline(app, ids, sweep=False)
        return len(ids)
    for job_id in ids:
        queue.push(app, job_id)
    if ids:
        log.info("relayed %d job(s)", len(ids))
    return len(ids)


def fire(app: Flask, name: str, interval: int) -> None:
    """Run or queue one task now; a failure is logged (the next interval tries again)."""
    try:
        connection = queue.redis_connection(app)
        if name == RELAY or connection is None:
            with app.app_context():
                TASKS[name]()
            return
        key = f"{app.config['JOBS_QUEUE']}:tick:{name}"
        if connection.set(key, "1", nx=True, ex=max(interval - 1, 1)):
            queue.push_task(app, name)
    except Exception:
        log.exception("periodic task failed", extra={"task": name})


class Stop:
    def __init__(self) -> None:
        self.requested = False

    def __call__(self, *_: Any) -> None:
        self.requested = True


def run(app: Flask, *, once: bool = False) -> None:
    """Fire each task when its interval has passed, until SIGTERM or SIGINT (or once)."""
    table = schedule(app)
    log.info("scheduler started: %s", table)
    stop = Stop()
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    next_run = dict.fromkeys(table, 0.0)
    while not stop.requested:
        now = time.monotonic()
        for name, interval in table.items():
            if now >= next_run[name]:
                next_run[name] = now + interval
                fire(app, name, interval)
        if once:
            return
        time.sleep(max(0.1, min(1.0, min(next_run.values()) - time.monotonic())))
