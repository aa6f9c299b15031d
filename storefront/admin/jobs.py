"""Background jobs for admins: the dead ones (every attempt failed) and those still waiting."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from storefront.admin import bp
from storefront.auth.access import admin_required
from storefront.auth.forms import EmptyForm
from storefront.extensions import db
from storefront.jobs.models import JobStatus, OutboxJob
from storefront.jobs.services import discard_job, retry_job

SHOWN = 100


def _jobs(*statuses: str) -> list[OutboxJob]:
    query = (
        select(OutboxJob)
        .where(OutboxJob.status.in_(statuses))
        .order_by(OutboxJob.id.desc())
        .limit(SHOWN)
    )
    return list(db.session.scalars(query))


@bp.get("/jobs")
@admin_required
def jobs_list():
    return render_template(
        "admin/jobs.html",
        dead=_jobs(JobStatus.DEAD),
        waiting=_jobs(JobStatus.PENDING, JobStatus.RUNNING),
        form=EmptyForm(),
    )


def _checked_job(job_id: int) -> OutboxJob:
    job = db.get_or_404(OutboxJob, job_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    return job


@bp.post("/jobs/<int:job_id>/retry")
@admin_required
def job_retry(job_id: int):
    retry_job(_checked_job(job_id))
    flash(_("Job %(id)d will run again now.", id=job_id), "success")
    return redirect(url_for("admin.jobs_list"))


@bp.post("/jobs/<int:job_id>/discard")
@admin_required
def job_discard(job_id: int):
    discard_job(_checked_job(job_id))
    flash(_("Job %(id)d was set aside.", id=job_id), "success")
    return redirect(url_for("admin.jobs_list"))
