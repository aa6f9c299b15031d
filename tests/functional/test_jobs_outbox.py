"""The outbox (storefront/jobs): a job is written with the change that causes it, runs after the
commit (here in-process: no Redis in tests), is retried with back-off, then dead; a job left
behind by a crash is relayed by the scheduler."""

from datetime import timedelta
from email import message_from_bytes
from pathlib import Path

import pytest
from sqlalchemy import select

from storefront.database import utcnow
from storefront.extensions import db
from storefront.jobs import dispatch, enqueue, handler, runner
from storefront.jobs.models import JobStatus, OutboxJob
from storefront.jobs.scheduler import relay
from storefront.mail import send_mail
from storefront.payments import paid
from tests.factories import (
    cart_add,
    checkout_post,
    latest_order,
    make_maker,
    make_product,
    make_user,
)

CALLS: list[dict] = []


@handler("test.flaky")
def flaky(fail_times: int, key: str) -> None:
    CALLS.append({"key": key})
    if sum(1 for call in CALLS if call["key"] == key) <= fail_times:
        raise ConnectionError("smtp down")


@pytest.fixture(autouse=True)
def _calls():
    CALLS.clear()
    yield
    CALLS.clear()


def mails(app) -> list:
    folder = Path(app.config["MAIL_DIR"])
    return [message_from_bytes(p.read_bytes()) for p in sorted(folder.glob("*.eml"))]


@pytest.fixture
def mail_dir(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_DIR", str(tmp_path / "mail"))
    return tmp_path / "mail"


def jobs() -> list[OutboxJob]:
    db.session.expire_all()
    return list(db.session.scalars(select(OutboxJob).order_by(OutboxJob.id)))


def placed(client):
    maker = make_maker(with_user=True)
    cart_add(client, make_product(maker=maker))
    checkout_post(client)
    return latest_order(), maker


def test_paid_order_writes_its_mails_in_the_payment_transaction(app, client, mail_dir):
    order, maker = placed(client)
    assert jobs() == []
    paid.mark_paid(order, order.payment_reference, order.total_idr, "e1")
    rows = jobs()
    assert [row.name for row in rows] == ["mail.deliver", "mail.deliver"]
    assert {row.payload["to"] for row in rows} == {order.email, maker.user.email}
    assert all(row.status == JobStatus.DONE and row.attempts == 1 for row in rows)
    assert sorted(m["To"] for m in mails(app)) == sorted([order.email, maker.user.email])


def test_rolled_back_payment_leaves_no_job_and_no_mail(app, client, mail_dir):
    order, _ = placed(client)
    paid.apply_paid(order, order.payment_reference, order.total_idr, "e1")
    db.session.flush()
    db.session.rollback()
    assert jobs() == []
    assert mails(app) == []


def test_mail_sent_with_nothing_else_pending_is_committed_on_its_own(app, mail_dir):
    user = make_user(locale="en")
    with app.test_request_context("/"):
        send_mail(user.email, "Hi", "reset", "en", user=user, url="http://x/r")
    assert [m["To"] for m in mails(app)] == [user.email]
    assert jobs()[0].status == JobStatus.DONE


def test_mail_joins_the_callers_transaction_and_a_rollback_drops_it(app, mail_dir):
    user = make_user()
    user.name = "Changed"
    with app.test_request_context("/"):
        send_mail(user.email, "Hi", "reset", "id", user=user, url="http://x/r")
    db.session.rollback()
    assert jobs() == []
    assert mails(app) == []


def test_a_job_left_behind_by_a_crash_is_relayed(app, client, mail_dir, monkeypatch):
    order, _ = placed(client)
    # The process dies between the commit and handing the jobs on: nothing is dispatched.
    monkeypatch.setattr(dispatch, "run_inline", lambda *args, **kwargs: None)
    paid.mark_paid(order, order.payment_reference, order.total_idr, "e1")
    assert {row.status for row in jobs()} == {JobStatus.PENDING}
    assert mails(app) == []
    monkeypatch.undo()
    monkeypatch.setitem(app.config, "MAIL_DIR", str(mail_dir))
    monkeypatch.setitem(app.config, "JOBS_RELAY_GRACE_SECONDS", 0)
    assert relay() == 2
    assert {row.status for row in jobs()} == {JobStatus.DONE}
    assert len(mails(app)) == 2
    assert relay() == 0  # done jobs are not run again


def test_failed_job_is_retried_with_growing_waits_then_dead(app, monkeypatch):
    monkeypatch.setitem(app.config, "JOBS_RETRY_BASE_SECONDS", 10)
    enqueue("test.flaky", max_attempts=3, fail_times=5, key="a")
    waits = []
    for attempt in (1, 2):
        (job,) = jobs()
        assert (job.status, job.attempts) == (JobStatus.PENDING, attempt)
        assert "ConnectionError: smtp down" in job.last_error
        waits.append(job.next_attempt_at.replace(tzinfo=None) - utcnow().replace(tzinfo=None))
        assert runner.run_job(job.id) == ("skipped", None)  # not due yet
        job.next_attempt_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
        runner.run_job(job.id)
    assert timedelta(seconds=8) < waits[0] <= timedelta(seconds=10)
    assert timedelta(seconds=18) < waits[1] <= timedelta(seconds=20)
    (job,) = jobs()
    assert (job.status, job.attempts) == (JobStatus.DEAD, 3)
    assert len(CALLS) == 3


def test_back_off_doubles_up_to_the_cap(app, monkeypatch):
    monkeypatch.setitem(app.config, "JOBS_RETRY_BASE_SECONDS", 30)
    monkeypatch.setitem(app.config, "JOBS_RETRY_MAX_SECONDS", 100)
    assert [runner.backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 100, 100]


def test_a_job_whose_worker_died_runs_again_and_is_dead_after_its_last_attempt(app):
    enqueue("test.flaky", max_attempts=2, fail_times=0, key="b")
    (job,) = jobs()
    # A worker claimed it (attempt 2 of 2) and was killed: the lease runs out.
    job.status, job.attempts = JobStatus.RUNNING, 1
    job.locked_until = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert relay() == 1
    (job,) = jobs()
    assert (job.status, job.attempts) == (JobStatus.DONE, 2)
    job.status, job.locked_until = JobStatus.RUNNING, utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert relay() == 0
    (job,) = jobs()
    assert job.status == JobStatus.DEAD
    assert "worker stopped" in job.last_error


def test_a_job_claimed_elsewhere_is_not_run_twice(app):
    enqueue("test.flaky", fail_times=0, key="c")
    (job,) = jobs()
    assert job.status == JobStatus.DONE
    assert runner.run_job(job.id) == ("skipped", None)
    assert len(CALLS) == 1


def test_retried_mail_file_is_written_once(app, mail_dir):
    payload = {
        "to": "a@example.com",
        "subject": "S",
        "body": "B",
        "date": "Tue, 01 Dec 2026 10:00:00 +0700",
        "message_id": "<1@x>",
        "file_name": "1-abc.eml",
    }
    from storefront.mail import deliver

    deliver(**payload)
    deliver(**payload)
    assert [m["Message-ID"] for m in mails(app)] == ["<1@x>"]


def test_with_a_queue_an_admin_cancel_leaves_the_gateway_call_to_a_job(app, monkeypatch):
    from storefront.jobs import queue
    from storefront.payments import cancel
    from tests.factories import make_sold_order

    pushed = []
    monkeypatch.setitem(app.config, "JOBS_REDIS_URL", "redis://127.0.0.1:6379/3")
    monkeypatch.setattr(queue, "push", lambda app, job_id, delay=None: pushed.append(job_id))
    order = make_sold_order([(make_maker(), 80_000, 1)], status="pending_payment", record=False)
    order.paid_at, order.payment_reference, order.gateway = None, "pi_x", "test"
    db.session.commit()
    calls = []

    class Gateway:
        name, livemode, remote = "test", False, True

        def retrieve_payment(self, reference):
            from storefront.payments.gateway import PaymentResult

            calls.append("retrieve")
            return PaymentResult(reference=reference, status="requires_payment_method")

        def cancel_payment(self, reference):
            calls.append("cancel")
            raise cancel.GatewayError("down")

    monkeypatch.setitem(app.extensions, "storefront.gateway", Gateway())
    assert cancel.cancel_order(order) is True
    (job,) = jobs()
    assert (job.name, job.payload, pushed) == (
        "payments.cancel_payment",
        {"order_id": order.id},
        [job.id],
    )
    assert calls == ["retrieve"]  # the request did not wait for the gateway's cancel
    assert runner.run_job(job.id) == ("done", None)  # an unreachable gateway: the reconciler asks
    assert calls == ["retrieve", "cancel"]
