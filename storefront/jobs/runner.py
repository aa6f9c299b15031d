"""Running one outbox job: claim it, call its handler, record the outcome.

A claim is one conditional UPDATE (pending and due, or running with an expired lease), so two
workers handed the same job, or a job handed twice, run it once at a time. The outcome is
written only by the attempt that holds the claim (its attempt number), so a worker that lost its
lease cannot mark a later attempt's job done or failed.
"""

import logging
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import and_, or_, select, update

from storefront.database import rows_matched, utcnow
from storefront.extensions import db
from storefront.jobs.models import JobStatus, OutboxJob
from storefront.jobs.registry import get_handler

log = logging.getLogger(__name__)
ERROR_LENGTH = 2000


def backoff(attempt: int) -> timedelta:
    """The wait after failed attempt number `attempt` (1, 2, ...): doubling, capped."""
    config = current_app.config
    seconds = config["JOBS_RETRY_BASE_SECONDS"] * 2 ** max(attempt - 1, 0)
    return timedelta(seconds=min(seconds, config["JOBS_RETRY_MAX_SECONDS"]))


def claimable(now: datetime):
    return or_(
        and_(OutboxJob.status == JobStatus.PENDING, OutboxJob.next_attempt_at <= now),
        and_(
            OutboxJob.status == JobStatus.RUNNING,
            OutboxJob.locked_until < now,
            OutboxJob.attempts < OutboxJob.max_attempts,
        ),
    )


def claim(job_id: int) -> int | None:
    """Take the job for one attempt; its attempt number, or None if it is not ours to run."""
    now = utcnow()
    lease = now + timedelta(seconds=current_app.config["JOBS_LEASE_SECONDS"])
    attempt = db.session.scalar(
        update(OutboxJob)
        .where(OutboxJob.id == job_id, claimable(now))
        .values({OutboxJob.status: JobStatus.RUNNING, OutboxJob.attempts: OutboxJob.attempts + 1})
        .values(locked_until=lease)
        .returning(OutboxJob.attempts)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return attempt


def run_job(job_id: int) -> tuple[str, timedelta | None]:
    """Run one job if it can be claimed: ("done" | "retry" | "dead" | "skipped", retry delay)."""
    attempt = claim(job_id)
    if attempt is None:
        return "skipped", None
    job = db.session.get(OutboxJob, job_id)
    if job is None:
        return "skipped", None
    name, payload = job.name, dict(job.payload or {})
    try:
        get_handler(name)(**payload)
    except Exception as error:
        db.session.rollback()
        log.warning("job failed", extra={"job_id": job_id, "job": name}, exc_info=True)
        return _record_failure(job_id, attempt, error)
    _finish(job_id, attempt, JobStatus.DONE)
    log.info("job done", extra={"job_id": job_id, "job": name, "attempt": attempt})
    return "done", None


def _owned(job_id: int, attempt: int):
    return update(OutboxJob).where(
        OutboxJob.id == job_id,
        OutboxJob.status == JobStatus.RUNNING,
        OutboxJob.attempts == attempt,
    )


def _finish(job_id: int, attempt: int, status: JobStatus, error: str = "") -> None:
    db.session.execute(
        _owned(job_id, attempt)
        .values({OutboxJob.status: status})
        .values(finished_at=utcnow(), locked_until=None, last_error=error)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def _record_failure(job_id: int, attempt: int, error: Exception) -> tuple[str, timedelta | None]:
    text = f"attempt {attempt}: {type(error).__name__}: {error}"[:ERROR_LENGTH]
    max_attempts = db.session.scalar(select(OutboxJob.max_attempts).where(OutboxJob.id == job_id))
    if max_attempts is None or attempt >= max_attempts:
        _finish(job_id, attempt, JobStatus.DEAD, text)
        log.error("job dead after %s attempt(s)", attempt, extra={"job_id": job_id})
        return "dead", None
    delay = backoff(attempt)
    db.session.execute(
        _owned(job_id, attempt)
        .values({OutboxJob.status: JobStatus.PENDING})
        .values(
            next_attempt_at=utcnow() + delay,
            locked_until=None,
            last_error=text,
        )
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return "retry", delay


def bury_expired(now: datetime) -> int:
    """Running jobs whose lease ran out on their last attempt (the worker died): dead."""
    result = db.session.execute(
        update(OutboxJob)
        .where(
            OutboxJob.status == JobStatus.RUNNING,
            OutboxJob.locked_until < now,
            OutboxJob.attempts >= OutboxJob.max_attempts,
        )
        .values({OutboxJob.status: JobStatus.DEAD})
        .values(
            finished_at=now,
            locked_until=None,
            last_error="the worker stopped during the last attempt",
        )
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return rows_matched(result)


def due_ids(now: datetime, grace: timedelta, limit: int = 100) -> list[int]:
    """Jobs a worker should have taken by now: due for longer than `grace`, or whose lease ran
    out (a crash between commit and enqueue, Redis down, a worker killed mid-job)."""
    stale = or_(
        and_(OutboxJob.status == JobStatus.PENDING, OutboxJob.next_attempt_at <= now - grace),
        and_(OutboxJob.status == JobStatus.RUNNING, OutboxJob.locked_until < now),
    )
    ids = db.session.scalars(
        select(OutboxJob.id).where(stale).order_by(OutboxJob.next_attempt_at).limit(limit)
    )
    return list(ids)


def retry_now(job: OutboxJob) -> None:
    """An admin's retry of a dead (or waiting) job: due now, with a fresh set of attempts."""
    job.status = JobStatus.PENDING
    job.next_attempt_at = utcnow()
    job.max_attempts = job.attempts + current_app.config["JOBS_MAX_ATTEMPTS"]
    job.finished_at = None
    job.locked_until = None


def discard(job: OutboxJob) -> None:
    job.status = JobStatus.DISCARDED
    job.finished_at = utcnow()
    job.locked_until = None
