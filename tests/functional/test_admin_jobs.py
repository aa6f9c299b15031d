"""/admin/jobs: admins see the dead and the waiting jobs and run one again (CSRF-checked)."""

import re

import pytest
from sqlalchemy import select

from storefront.extensions import db
from storefront.jobs import enqueue, handler
from storefront.jobs.models import JobStatus, OutboxJob
from tests.conftest import login
from tests.factories import make_maker, make_user

RUNS: list[str] = []
BROKEN = {"yes": True}


@handler("test.admin_job")
def admin_job(key: str) -> None:
    RUNS.append(key)
    if BROKEN["yes"]:
        raise TimeoutError("smtp timed out")


@pytest.fixture(autouse=True)
def _reset():
    RUNS.clear()
    BROKEN["yes"] = True
    yield
    RUNS.clear()


def dead_job() -> OutboxJob:
    job = enqueue("test.admin_job", max_attempts=1, key="k")
    db.session.expire_all()
    assert db.session.get(OutboxJob, job.id).status == JobStatus.DEAD
    return job


@pytest.fixture
def admin(client):
    user = make_user("admin")
    login(client, user)
    return user


def test_admin_sees_a_dead_job_with_its_error_in_her_language(client, admin):
    job = dead_job()
    html = client.get("/admin/jobs").get_data(as_text=True)
    assert "Tugas latar belakang" in html
    assert f'id="job-{job.id}"' in html and "TimeoutError: smtp timed out" in html
    html = client.get("/admin/jobs", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Background jobs" in html


def test_admin_retries_a_dead_job_and_it_runs_again(client, admin):
    job = dead_job()
    BROKEN["yes"] = False
    response = client.post(f"/admin/jobs/{job.id}/retry")
    assert response.status_code == 302
    db.session.expire_all()
    job = db.session.get(OutboxJob, job.id)
    assert job.status == JobStatus.DONE
    assert RUNS == ["k", "k"]


def test_admin_discards_a_dead_job(client, admin):
    job = dead_job()
    assert client.post(f"/admin/jobs/{job.id}/discard").status_code == 302
    db.session.expire_all()
    assert db.session.get(OutboxJob, job.id).status == JobStatus.DISCARDED
    assert f'id="job-{job.id}"' not in client.get("/admin/jobs").get_data(as_text=True)


def test_a_finished_job_cannot_be_retried(client, admin):
    BROKEN["yes"] = False
    job = enqueue("test.admin_job", key="done")
    response = client.post(f"/admin/jobs/{job.id}/retry", headers={"Accept-Language": "en"})
    assert response.status_code == 409
    assert "cannot be retried" in response.get_data(as_text=True)


@pytest.mark.parametrize("role", ["customer", "maker", "sponsor"])
def test_only_admins_see_or_retry_jobs(app, client, role):
    job = dead_job()
    user = make_maker(user=make_user(role)).user if role == "maker" else make_user(role)
    login(client, user)
    assert client.get("/admin/jobs").status_code == 403
    assert client.post(f"/admin/jobs/{job.id}/retry").status_code == 403
    db.session.expire_all()
    assert db.session.get(OutboxJob, job.id).status == JobStatus.DEAD


def test_signed_out_visitor_is_sent_to_sign_in(client):
    response = client.get("/admin/jobs")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_retry_without_its_csrf_token_is_refused(csrf_app):
    client = csrf_app.test_client()
    login(client, make_user("admin"))
    job = dead_job()
    html = client.get("/admin/jobs").get_data(as_text=True)
    assert client.post(f"/admin/jobs/{job.id}/retry").status_code == 400
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    BROKEN["yes"] = False
    assert client.post(f"/admin/jobs/{job.id}/retry", data={"csrf_token": token}).status_code == 302
    assert db.session.scalar(select(OutboxJob.status).where(OutboxJob.id == job.id)) == "done"
