"""Text input is stored in NFC; names and titles lose bidi-control and zero-width characters."""

import io
import unicodedata

import pytest
from flask_wtf import FlaskForm
from wtforms import Form

from storefront.auth.models import User
from storefront.auth.passwords import verify_password
from storefront.catalog.models import Product
from storefront.extensions import db
from storefront.forms import BaseForm, BaseGetForm
from tests.factories import (
    cart_add,
    checkout_post,
    latest_order,
    listing_form,
    make_category,
    make_maker,
    make_product,
    photo_bytes,
)

RLO, ZWSP, WJ, LRI, PDI = "\u202e", "\u200b", "\u2060", "\u2066", "\u2069"


@pytest.fixture
def maker(login_as):
    maker = make_maker(with_user=True)
    login_as(maker.user)
    return maker


def new_listing(client, **fields):
    data = listing_form(make_category(), save_draft="1", **fields)
    data["photos"] = [(io.BytesIO(photo_bytes()), "bag.jpg")]
    return client.post("/maker/listings/new", data=data, content_type="multipart/form-data")


def test_a_decomposed_product_title_is_saved_in_nfc(client, maker):
    decomposed = "Tas Anyaman Cafe\u0301"
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    assert new_listing(client, title_id=decomposed).status_code == 302
    assert db.session.scalars(db.select(Product)).one().title_id == "Tas Anyaman Caf\u00e9"


def test_a_description_is_saved_in_nfc_and_keeps_its_newlines(client, maker):
    assert new_listing(client, description_id="Baris satu\r\nBaris dua: kope\u0301").status_code
    description = db.session.scalars(db.select(Product)).one().description_id
    assert description.splitlines() == ["Baris satu", "Baris dua: kop\u00e9"]


def test_a_title_loses_bidi_controls_and_zero_width_characters(client, maker):
    new_listing(client, title_id=f"Tas {RLO}Biru{ZWSP} Muda", title_en=f"{LRI}Blue{PDI} bag{WJ}")
    product = db.session.scalars(db.select(Product)).one()
    assert (product.title_id, product.title_en) == ("Tas Biru Muda", "Blue bag")


def test_a_title_of_only_invisible_characters_is_refused_as_empty(client, maker):
    response = new_listing(client, title_id=f" {ZWSP}{RLO}{WJ}\ufeff ")
    assert response.status_code == 400
    assert 'id="title_id-error"' in response.get_data(as_text=True)
    assert db.session.scalar(db.select(Product)) is None


def test_a_registered_name_is_saved_without_invisible_characters(client):
    password = "tas-anyaman-9"
    data = {"name": f"Ani{RLO} Sus{ZWSP}anti", "email": "ani@example.com", "phone": ""}
    client.post("/register", data={**data, "password": password, "confirm": password})
    assert db.session.scalars(db.select(User)).one().name == "Ani Susanti"


def test_a_password_is_kept_exactly_as_typed(client):
    password = "Cafe\u0301-tas-anyaman-9"  # its hash must match what her keyboard sends next time
    data = {"name": "Ani", "email": "ani@example.com", "phone": ""}
    client.post("/register", data={**data, "password": password, "confirm": password})
    assert verify_password(db.session.scalars(db.select(User)).one().password_hash, password)


def test_a_makers_public_name_is_saved_without_invisible_characters(client, maker):
    data = {"uses_chosen_name": "y", "chosen_name": f"Bu{ZWSP} Re\u0301{RLO}ni"}
    assert client.post("/maker/privacy", data=data).status_code == 302
    db.session.refresh(maker)
    assert maker.chosen_name == "Bu R\u00e9ni"


def test_the_recipient_name_at_checkout_is_saved_clean(client):
    cart_add(client, make_product())
    checkout_post(client, name=f"Dewi{RLO} Lestari{ZWSP}")
    assert latest_order().contact_name == "Dewi Lestari"


def _all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _all_subclasses(sub)


def test_every_form_of_the_shop_normalises_its_text(app):
    """A new form that forgets the base class would take text as it comes: it fails here."""
    forms = [
        form
        for base in (Form, FlaskForm)
        for form in _all_subclasses(base)
        if form.__module__.startswith("storefront.") and form.__module__ != "storefront.forms"
    ]
    assert len(forms) >= 10  # the app's modules are imported, so the forms were found
    assert [f for f in forms if not issubclass(f, (BaseForm, BaseGetForm))] == []
