"""Invitation and password-reset links: signed, expiring, single use, never a 500."""

import time
from pathlib import Path

import pytest
from itsdangerous import TimestampSigner

from storefront.auth.passwords import verify_password
from storefront.auth.tokens import Purpose, make_token
from storefront.extensions import db
from storefront.makers.models import Maker
from tests.factories import PASSWORD, make_maker, make_user

NEW_PASSWORD = "anyaman-biru-77"


def english(client):
    """Messages are checked in English, whatever the default language."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def client(app):
    return english(app.test_client())


@pytest.fixture
def invited(app):
    """A maker created by an admin: phone only, no password yet."""
    from storefront.makers.services import create_maker

    return create_maker("Siti Aminah", phone="0812 3456 7890", email=None).user


def set_password(client, url, password=NEW_PASSWORD, confirm=None):
    return client.post(url, data={"password": password, "confirm": confirm or password})


def old_token(monkeypatch, user, purpose, age_seconds):
    real = time.time()
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: int(real - age_seconds))
    token = make_token(user, purpose)
    monkeypatch.undo()
    return token


def test_invitation_sets_password_and_lands_signed_in_on_maker_home(client, invited):
    url = f"/invite/{make_token(invited, Purpose.INVITE)}"
    assert client.get(url).status_code == 200
    response = set_password(client, url)
    assert response.headers["Location"] == "/maker/"
    assert client.get("/maker/").status_code == 200
    db.session.refresh(invited)
    assert verify_password(invited.password_hash, NEW_PASSWORD)


def test_invitation_used_twice_is_refused(client, app, invited):
    url = f"/invite/{make_token(invited, Purpose.INVITE)}"
    set_password(client, url)
    second = english(app.test_client())
    response = second.get(url)
    assert response.status_code == 410
    assert b"already been used" in response.data
    assert set_password(second, url, "someone-else-99").status_code == 410


def test_invitation_refuses_a_weak_password(client, invited):
    url = f"/invite/{make_token(invited, Purpose.INVITE)}"
    response = set_password(client, url, "password1")
    assert response.status_code == 200
    assert b"not a common password" in response.data
    db.session.refresh(invited)
    assert invited.password_hash is None


def test_expired_invitation_is_refused(client, monkeypatch, invited):
    token = old_token(monkeypatch, invited, Purpose.INVITE, 8 * 24 * 3600)
    response = client.get(f"/invite/{token}")
    assert response.status_code == 410
    assert b"expired" in response.data


def test_invitation_six_days_old_still_works(client, monkeypatch, invited):
    token = old_token(monkeypatch, invited, Purpose.INVITE, 6 * 24 * 3600)
    assert client.get(f"/invite/{token}").status_code == 200


@pytest.mark.parametrize(
    "mangle", [lambda t: t[:-3] + "abc", lambda t: "x" + t, lambda t: "garbage"]
)
def test_tampered_invitation_is_refused_with_400(client, invited, mangle):
    response = client.get(f"/invite/{mangle(make_token(invited, Purpose.INVITE))}")
    assert response.status_code == 400
    assert b"not valid" in response.data


def test_reset_token_does_not_work_as_an_invitation(client, invited):
    assert client.get(f"/invite/{make_token(invited, Purpose.RESET)}").status_code == 400


def test_invitation_of_a_deactivated_maker_is_refused(client, invited):
    token = make_token(invited, Purpose.INVITE)
    invited.is_enabled = False
    db.session.commit()
    assert client.get(f"/invite/{token}").status_code == 410


def test_reset_sets_new_password_and_ends_old_sessions(app, client):
    user = make_user(email="ani@example.com")
    other_device = app.test_client()
    other_device.post("/login", data={"identifier": "ani@example.com", "password": PASSWORD})
    assert other_device.get("/account/").status_code == 200
    url = f"/password/reset/{make_token(user, Purpose.RESET)}"
    assert set_password(client, url).headers["Location"] == "/"
    assert other_device.get("/account/").status_code == 302
    db.session.refresh(user)
    assert verify_password(user.password_hash, NEW_PASSWORD)


def test_reset_token_reused_is_refused(app, client):
    user = make_user()
    url = f"/password/reset/{make_token(user, Purpose.RESET)}"
    set_password(client, url)
    assert set_password(app.test_client(), url, "another-pass-88").status_code == 410


def test_expired_reset_token_is_refused(client, monkeypatch):
    user = make_user()
    token = old_token(monkeypatch, user, Purpose.RESET, 3 * 3600)
    assert client.get(f"/password/reset/{token}").status_code == 410


def test_reset_token_dies_when_password_changes_another_way(client):
    user = make_user()
    token = make_token(user, Purpose.RESET)
    from storefront.auth.services import set_password as change

    change(user, "changed-elsewhere-1")
    assert client.get(f"/password/reset/{token}").status_code == 410


def latest_mail(app) -> str:
    files = sorted(Path(app.config["MAIL_DIR"]).glob("*.eml"))
    return files[-1].read_text() if files else ""


def test_forgot_password_mails_a_reset_link_in_her_language(app, client):
    make_user(email="ani@example.com", locale="en")
    before = len(list(Path(app.config["MAIL_DIR"]).glob("*.eml")))
    response = client.post("/password/forgot", data={"email": "ani@example.com"})
    assert response.status_code == 302
    assert len(list(Path(app.config["MAIL_DIR"]).glob("*.eml"))) == before + 1
    mail = latest_mail(app)
    assert "To: ani@example.com" in mail
    assert "Set a new password for Toko Anyaman" in mail
    assert "/password/reset/" in mail


def test_forgot_password_for_unknown_email_sends_nothing_and_says_the_same(app, client):
    folder = Path(app.config["MAIL_DIR"])
    before = len(list(folder.glob("*.eml")))
    response = client.post("/password/forgot", data={"email": "nobody@example.com"})
    assert response.headers["Location"] == "/login"
    page = client.get("/login", headers={"Accept-Language": "en"})
    assert b"If this email has an account" in page.data
    assert len(list(folder.glob("*.eml"))) == before


def test_maker_with_password_gets_a_reset_link_not_an_invitation(app, client):
    maker = make_maker(with_user=True)
    assert db.session.get(Maker, maker.id).user.password_hash
    url = f"/password/reset/{make_token(maker.user, Purpose.RESET)}"
    assert set_password(client, url).headers["Location"] == "/maker/"
