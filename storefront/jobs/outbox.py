"""Writing outbox rows with the caller's change, and handing them on once it has committed.

The session events below follow each transaction: the ids of the outbox rows it flushed are kept
until it ends; a commit hands them to the queue (or runs them here, without Redis), a rollback
forgets them. Nothing is sent before the change is durable and nothing after a rollback.
"""

import logging
from typing import Any

from flask import current_app
from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from storefront.database import utcnow
from storefront.extensions import db
from storefront.jobs.models import JobStatus, OutboxJob

log = logging.getLogger(__name__)
FLUSHED, COMMITTED, WROTE = "jobs.flushed", "jobs.committed", "jobs.wrote"


def enqueue(name: str, *, max_attempts: int | None = None, **payload: Any) -> OutboxJob:
    """Record job `name` in the current transaction; it runs after the caller's commit.

    Called with no change pending (a message that reports nothing written, or one sent after
    the caller's own commit), the row is committed at once, on its own.
    """
    session = db.session()
    standalone = not _has_writes(session)
    job = OutboxJob(
        name=name,
        payload=payload,
        status=JobStatus.PENDING,
        attempts=0,
        max_attempts=max_attempts or current_app.config["JOBS_MAX_ATTEMPTS"],
        next_attempt_at=utcnow(),
        last_error="",
    )
    session.add(job)
    if standalone:
        # Nothing else was pending, so the caller's objects are as committed: they stay loaded.
        expire, session.expire_on_commit = session.expire_on_commit, False
        try:
            session.commit()
        finally:
            session.expire_on_commit = expire
    return job


def _has_writes(session: Any) -> bool:
    return bool(session.new or session.dirty or session.deleted or session.info.get(WROTE))


def install() -> None:
    """Listen to every Flask-SQLAlchemy session (once per process)."""
    target = FlaskSession
    if event.contains(target, "after_flush", _after_flush):
        return
    event.listen(target, "after_flush", _after_flush)
    event.listen(target, "do_orm_execute", _orm_execute)
    event.listen(target, "after_commit", _after_commit)
    event.listen(target, "after_soft_rollback", _after_soft_rollback)
    event.listen(target, "after_transaction_end", _after_transaction_end)


def _after_flush(session: Session, _context: Any) -> None:
    session.info[WROTE] = True
    ids = [obj.id for obj in session.new if isinstance(obj, OutboxJob)]
    if ids:
        session.info.setdefault(FLUSHED, []).extend(ids)


def _orm_execute(state: Any) -> None:
    if state.is_update or state.is_delete or state.is_insert:
        state.session.info[WROTE] = True


def _after_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint released: still inside the outer transaction
    session.info.setdefault(COMMITTED, []).extend(session.info.pop(FLUSHED, []))


def _after_soft_rollback(session: Session, previous: SessionTransaction) -> None:
    if previous.parent is None:
        session.info.pop(FLUSHED, None)


def _after_transaction_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is not None or transaction.nested:
        return
    session.info.pop(WROTE, None)
    left = session.info.pop(FLUSHED, None)
    if left:
        log.warning("outbox jobs dropped: their transaction ended without a commit: %s", left)
    committed = session.info.pop(COMMITTED, None)
    if committed:
        from storefront.jobs.dispatch import dispatch

        try:
            dispatch(current_app._get_current_object(), committed)  # type: ignore[attr-defined]
        except Exception:  # the change is committed: the relay hands these on later
            log.exception("outbox jobs not handed on: %s", committed)
