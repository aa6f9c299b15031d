"""After a commit: the committed outbox jobs go to the queue, or run here without Redis."""

import logging
from datetime import timedelta

from flask import Flask
from redis.exceptions import RedisError

from storefront.database import utcnow
from storefront.jobs import queue

log = logging.getLogger(__name__)
INLINE_SWEEP = 5  # without Redis, each dispatch also retries this many jobs that are due


def dispatch(app: Flask, job_ids: list[int]) -> None:
    if app.config.get("JOBS_REDIS_URL"):
        for job_id in job_ids:
            try:
                queue.push(app, job_id)
            except RedisError:  # the scheduler's relay sends it once Redis is back
                log.warning("job not queued: Redis unreachable", extra={"job_id": job_id})
        return
    run_inline(app, job_ids)


def run_inline(app: Flask, job_ids: list[int], *, sweep: bool = True) -> None:
    """Run jobs in this process, each in an app context (and session) of its own, so the
    caller's session is untouched; a failure is recorded on the row and logged, never raised."""
    from storefront.jobs.runner import due_ids, run_job

    for job_id in job_ids:
        with app.app_context():
            try:
                run_job(job_id)
            except Exception:
                log.exception("job not run", extra={"job_id": job_id})
    if not sweep:
        return
    with app.app_context():  # earlier failures whose retry is due: a few at a time
        try:
            due = due_ids(utcnow(), timedelta(0), limit=INLINE_SWEEP)
        except Exception:
            log.exception("due jobs not read")
            return
    run_inline(app, [job_id for job_id in due if job_id not in job_ids], sweep=False)
