"""The Redis side (RQ): the queue jobs are pushed to, and the functions a worker calls.

The outbox row is the job's truth (status, attempts, next attempt); the queue only carries its id
to a worker quickly. A push that is lost (Redis down, a crash) is sent again by the scheduler's
relay, and a push made twice runs once (the claim in runner.py).
"""

import logging
import uuid
from datetime import timedelta

from flask import Flask, current_app
from redis import Redis
from rq import Queue

log = logging.getLogger(__name__)
EXTENSION = "storefront.jobs.redis"


def redis_connection(app: Flask) -> Redis | None:
    """The jobs' Redis (JOBS_REDIS_URL), or None: then jobs run in-process after commit."""
    url = app.config.get("JOBS_REDIS_URL")
    if not url:
        return None
    if EXTENSION not in app.extensions:
        app.extensions[EXTENSION] = Redis.from_url(
            url, socket_connect_timeout=2, socket_timeout=5, health_check_interval=30
        )
    return app.extensions[EXTENSION]


def get_queue(app: Flask) -> Queue | None:
    connection = redis_connection(app)
    if connection is None:
        return None
    return Queue(app.config["JOBS_QUEUE"], connection=connection)


def push(app: Flask, job_id: int, delay: timedelta | None = None) -> None:
    """Hand outbox job `job_id` to a worker (after `delay`); raises redis errors."""
    queue = get_queue(app)
    if queue is None:
        raise RuntimeError("no job queue configured (JOBS_REDIS_URL)")
    options = {
        "job_id": f"outbox-{job_id}-{uuid.uuid4().hex[:12]}",
        "job_timeout": app.config["JOBS_LEASE_SECONDS"],
        "result_ttl": 0,
        "failure_ttl": 24 * 3600,
    }
    if delay:
        queue.enqueue_in(delay, perform, job_id, **options)
    else:
        queue.enqueue(perform, job_id, **options)


def push_task(app: Flask, name: str) -> None:
    queue = get_queue(app)
    if queue is None:
        raise RuntimeError("no job queue configured (JOBS_REDIS_URL)")
    queue.enqueue(
        perform_task,
        name,
        job_id=f"task-{name}-{uuid.uuid4().hex[:12]}",
        job_timeout=app.config["JOBS_TASK_TIMEOUT_SECONDS"],
        result_ttl=0,
        failure_ttl=24 * 3600,
    )


def perform(job_id: int) -> str:
    """What the worker runs for an outbox job (in its own app context, so its own session)."""
    from storefront.jobs.runner import run_job

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    with app.app_context():
        outcome, delay = run_job(job_id)
    if outcome == "retry":
        try:
            push(app, job_id, delay)
        except Exception:  # the relay sends it again when it is due
            log.warning("retry not queued", extra={"job_id": job_id}, exc_info=True)
    return outcome


def perform_task(name: str) -> None:
    """What the worker runs for a periodic task the scheduler queued."""
    from storefront.jobs.registry import TASKS

    with current_app.app_context():
        TASKS[name]()
