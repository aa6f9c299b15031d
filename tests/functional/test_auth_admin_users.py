"""Admin: adding makers, sharing invitation and reset links, switching accounts off and on."""

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from storefront.auth.models import Role, User
from storefront.extensions import db
from storefront.makers.models import Maker
from tests.conftest import login
from tests.factories import make_maker, make_user


@pytest.fixture
def admin_client(client):
    login(client, make_user(Role.ADMIN))
    return client


def add_maker(client, **fields):
    data = {"name": "Siti Aminah", "phone": "0812 3456 7890", "email": "", **fields}
    return client.post("/admin/users/new-maker", data=data)


def test_admin_adds_a_maker_with_only_a_phone_number(admin_client):
    response = add_maker(admin_client)
    user = db.session.scalar(db.select(User).where(User.phone == "+6281234567890"))
    assert response.headers["Location"] == f"/admin/users/{user.id}"
    assert user.role == Role.MAKER and user.email is None and user.password_hash is None
    maker = db.session.scalar(db.select(Maker).where(Maker.user_id == user.id))
    assert maker.slug == "siti" and maker.full_name == "Siti Aminah"


def test_two_makers_with_the_same_name_get_different_slugs(admin_client):
    add_maker(admin_client)
    add_maker(admin_client, phone="0813 1111 2222")
    slugs = set(db.session.scalars(db.select(Maker.slug)))
    assert slugs == {"siti", "siti-2"}  # her public first name only


def test_maker_needs_a_phone_or_an_email(admin_client):
    response = add_maker(admin_client, phone="")
    assert response.status_code == 200
    assert db.session.scalar(db.select(db.func.count(User.id)).where(User.role == Role.MAKER)) == 0


def test_maker_phone_already_used_is_refused_with_a_message(admin_client):
    add_maker(admin_client)
    response = add_maker(admin_client, name="Another", phone="+62 812-3456-7890")
    assert response.status_code == 409
    assert db.session.scalar(db.select(db.func.count(Maker.id))) == 1


def test_invitation_link_page_has_copy_box_and_whatsapp_share_link(admin_client):
    add_maker(admin_client)
    user = db.session.scalar(db.select(User).where(User.role == Role.MAKER))
    html = admin_client.post(f"/admin/users/{user.id}/link").get_data(as_text=True)
    link = re.search(r'id="share-link" type="text" value="([^"]+)"', html).group(1)
    assert "/invite/" in link
    wa = re.search(r'href="(https://wa\.me/6281234567890\?text=[^"]+)"', html).group(1)
    assert link in unquote(wa.replace("&amp;", "&"))
    assert "send-link" not in html  # no email, so no "send by email" button
    assert admin_client.get(link.split("localhost", 1)[1]).status_code == 200


def test_admin_gets_a_reset_link_for_a_maker_who_has_a_password(admin_client):
    maker = make_maker(with_user=True)
    html = admin_client.post(f"/admin/users/{maker.user_id}/link").get_data(as_text=True)
    assert "/password/reset/" in html


def test_admin_sends_the_link_by_email_in_her_language(app, admin_client):
    add_maker(admin_client, email="siti@example.com")
    user = db.session.scalar(db.select(User).where(User.role == Role.MAKER))
    response = admin_client.post(f"/admin/users/{user.id}/send-link")
    assert response.status_code == 302
    mail = sorted(Path(app.config["MAIL_DIR"]).glob("*.eml"))[-1].read_text()
    assert "To: siti@example.com" in mail and "/invite/" in mail


def test_deactivating_a_maker_ends_her_open_session_at_once(app, admin_client):
    maker = make_maker(with_user=True)
    her = app.test_client()
    login(her, maker.user)
    assert her.get("/maker/").status_code == 200
    admin_client.post(f"/admin/users/{maker.user_id}/deactivate")
    assert her.get("/maker/").status_code == 302
    db.session.refresh(maker.user)
    assert maker.user.is_enabled is False


def test_reactivated_maker_can_sign_in_again(app, admin_client):
    from tests.factories import PASSWORD

    maker = make_maker(with_user=True)
    admin_client.post(f"/admin/users/{maker.user_id}/deactivate")
    admin_client.post(f"/admin/users/{maker.user_id}/reactivate")
    response = app.test_client().post(
        "/login", data={"identifier": maker.user.email, "password": PASSWORD}
    )
    assert response.headers["Location"] == "/maker/"


def test_admin_accounts_are_not_managed_here(admin_client):
    other_admin = make_user(Role.ADMIN)
    assert admin_client.post(f"/admin/users/{other_admin.id}/deactivate").status_code == 404
    assert admin_client.get(f"/admin/users/{other_admin.id}").status_code == 404


def test_user_list_shows_makers_and_customers(admin_client):
    make_maker(with_user=True, full_name="Ibu Rina")
    make_user(name="Budi Pembeli")
    html = admin_client.get("/admin/users/").get_data(as_text=True)
    assert "Budi Pembeli" in html and "Ibu Rina" in html
