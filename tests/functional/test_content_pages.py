"""Bug 16: contact, shipping and returns, privacy (UU 27/2022) and terms pages, in both languages,
editable by admins, linked from the footer and the checkout."""

import pytest

from storefront.pages.models import PAGE_SLUGS
from tests.factories import cart_add, make_product, make_user

EN = {"Accept-Language": "en"}


@pytest.mark.parametrize("slug", PAGE_SLUGS)
def test_each_page_is_public_in_both_languages(client, slug):
    indonesian = client.get(f"/pages/{slug}")
    english = client.get(f"/pages/{slug}", headers=EN)
    assert indonesian.status_code == english.status_code == 200
    assert indonesian.text != english.text


def test_privacy_page_names_the_personal_data_law(client):
    assert "UU 27/2022" in client.get("/pages/privacy").text
    assert "Law No. 27 of 2022" in client.get("/pages/privacy", headers=EN).text


def test_unknown_page_is_404(client):
    assert client.get("/pages/nothing").status_code == 404


def test_footer_links_every_page(client):
    html = client.get("/").text
    footer = html.split('<footer class="site-footer">')[1]
    for slug in PAGE_SLUGS:
        assert f'href="/pages/{slug}"' in footer


def test_checkout_links_terms_privacy_and_returns(client):
    cart_add(client, make_product())
    html = client.get("/checkout").text
    for slug in ("terms", "privacy", "shipping-returns"):
        assert f'href="/pages/{slug}"' in html.split('id="place-order"')[0].rsplit("<form", 1)[1]


def test_admin_edits_a_page_in_both_languages(client, login_as):
    login_as(make_user("admin"))
    assert client.get("/admin/pages/").status_code == 200
    response = client.post(
        "/admin/pages/contact",
        data={
            "title_id": "Hubungi kami",
            "body_id": "WhatsApp kami di 0812 0000 1111.",
            "title_en": "Contact us",
            "body_en": "WhatsApp us on 0812 0000 1111.\n\nOr visit.",
        },
    )
    assert response.status_code == 302
    assert "WhatsApp kami di 0812 0000 1111." in client.get("/pages/contact").text
    english = client.get("/pages/contact", headers=EN).text
    assert "<p>Or visit.</p>" in english


def test_page_text_is_escaped(client, login_as):
    login_as(make_user("admin"))
    client.post(
        "/admin/pages/terms",
        data={"title_id": "Syarat", "body_id": "<script>x</script>", "title_en": "", "body_en": ""},
    )
    html = client.get("/pages/terms").text
    assert "<script>x</script>" not in html and "&lt;script&gt;" in html


def test_only_admins_edit_pages(client, login_as):
    login_as(make_user("customer"))
    assert client.get("/admin/pages/contact").status_code == 403
