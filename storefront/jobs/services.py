"""What an admin does with a job: run a dead (or waiting) one again now, or set it aside."""

from flask import current_app
from flask_babel import gettext as _

from storefront.errors import Conflict
from storefront.extensions import db
from storefront.jobs.dispatch import dispatch
from storefront.jobs.models import JobStatus, OutboxJob
from storefront.jobs.runner import discard, retry_now

RETRYABLE = {JobStatus.DEAD, JobStatus.PENDING}


def retry_job(job: OutboxJob) -> None:
    """Make the job due now with a fresh set of attempts, and hand it on; commits."""
    if job.status not in RETRYABLE:
        raise Conflict(_("This job is running or finished; it cannot be retried now."))
    retry_now(job)
    db.session.commit()
    dispatch(current_app._get_current_object(), [job.id])  # type: ignore[attr-defined]


def discard_job(job: OutboxJob) -> None:
    """Set a dead job aside for good (it stays listed as discarded); commits."""
    if job.status != JobStatus.DEAD:
        raise Conflict(_("Only a job whose attempts all failed can be discarded."))
    discard(job)
    db.session.commit()
