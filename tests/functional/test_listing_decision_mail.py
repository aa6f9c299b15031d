"""The maker reads the review decision in her own language, whatever language the admin uses."""

import email
from email.header import decode_header, make_header
from pathlib import Path

import pytest

from storefront.catalog.models import ListingStatus as L
from storefront.listings import services
from tests.factories import make_maker, make_product, make_user


@pytest.fixture
def english_admin(client, login_as):
    user = make_user("admin")
    login_as(user)
    client.set_cookie("lang", "en")
    return user


def pending_product_of(maker_locale: str):
    maker = make_maker(user=make_user("maker", locale=maker_locale))
    product = make_product(maker, status=L.DRAFT, title_id="Tas Kopi")
    services.submit_for_review(product, actor_id=maker.user_id)
    return product


def last_mail(app) -> email.message.Message:
    path = sorted(Path(app.config["MAIL_DIR"]).glob("*.eml"), key=lambda p: p.stat().st_mtime)[-1]
    return email.message_from_bytes(path.read_bytes())


def body(message) -> str:
    part = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")


def test_rejection_mail_is_in_the_makers_language_with_the_reason(app, client, english_admin):
    product = pending_product_of("id")
    client.post(f"/admin/listings/{product.id}/reject", data={"reason": "Fotonya gelap"})
    message = last_mail(app)
    assert str(make_header(decode_header(message["Subject"]))) == "Produk Ibu perlu diubah"
    text = body(message)
    assert "belum disetujui" in text and "Fotonya gelap" in text
    assert "was not approved" not in text


def test_approval_mail_to_an_english_reading_maker_is_in_english(app, client, login_as):
    login_as(make_user("admin"))
    client.set_cookie("lang", "id")
    product = pending_product_of("en")
    client.post(f"/admin/listings/{product.id}/approve")
    message = last_mail(app)
    assert str(make_header(decode_header(message["Subject"]))) == "Your product is in the shop"
    assert "is now in the shop" in body(message)
