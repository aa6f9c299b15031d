"""WTForms' own validation messages (required, too long, bad email) follow the reader's language."""

import pytest

from tests.factories import listing_form, make_category, make_maker


def set_language(client, lang: str) -> None:
    client.set_cookie("lang", lang)


@pytest.mark.parametrize(
    ("lang", "message"), [("id", "Wajib diisi."), ("en", "This field is required.")]
)
def test_empty_sign_in_says_required_in_the_readers_language(client, lang, message):
    set_language(client, lang)
    page = client.post("/login", data={"identifier": "", "password": ""}).get_data(as_text=True)
    assert message in page


def test_empty_maker_listing_form_has_no_english_required_message_in_indonesian(client, login_as):
    maker = make_maker(with_user=True)
    login_as(maker.user)
    set_language(client, "id")
    response = client.post("/maker/listings/new", data={}, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert "Wajib diisi." in page
    assert "This field is required." not in page


def test_too_long_listing_title_is_explained_in_indonesian(client, login_as):
    maker = make_maker(with_user=True)
    login_as(maker.user)
    set_language(client, "id")
    data = listing_form(make_category(), title_id="a" * 121)
    page = client.post(
        "/maker/listings/new", data=data, content_type="multipart/form-data"
    ).get_data(as_text=True)
    assert "Paling banyak 120 huruf." in page
    assert "cannot be longer" not in page


def test_bad_email_at_registration_is_explained_in_indonesian(client):
    set_language(client, "id")
    data = {"name": "Ani", "email": "not-an-email", "password": "x", "confirm": "x"}
    page = client.post("/register", data=data).get_data(as_text=True)
    assert "Alamat email ini tidak benar." in page
    assert "Invalid email address." not in page
