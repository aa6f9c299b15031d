"""Search through the catalog page, on the database's own engine (FTS5 on SQLite, tsvector and
pg_trgm on PostgreSQL): every word in any order, both languages, accents and case ignored."""

import pytest

from storefront.catalog.models import ListingStatus
from storefront.extensions import db
from storefront.makers.services import update_privacy
from tests.factories import make_category, make_maker, make_product

EN = {"Accept-Language": "en"}


@pytest.fixture
def shop():
    shoulder = make_category(slug="tas-bahu", name_id="Tas Bahu", name_en="Shoulder bags")
    wallets = make_category(slug="dompet", name_id="Dompet", name_en="Wallets")
    siti = make_maker(slug="siti", full_name="Siti Rahayu")
    dewi = make_maker(slug="dewi", full_name="Dewi Kusumawardhani")
    products = {
        "blue": make_product(
            siti,
            shoulder,
            slug="laut",
            title_id="Laut Pagi",
            title_en="Morning Sea",
            description_id="Warna biru dari bungkus kopi.",
            description_en="A blue bag woven from coffee sachets.",
            materials_id="Bungkus kopi, benang nilon",
            materials_en="Coffee sachets, nylon thread",
        ),
        "black": make_product(
            dewi,
            wallets,
            slug="malam",
            title_id="Malam Café",
            title_en="Night Café",
            description_id="Dompet hitam kecil.",
            description_en="A small black wallet.",
        ),
        "hidden": make_product(
            dewi,
            wallets,
            slug="rahasia",
            title_id="Dompet Hitam Rahasia",
            status=ListingStatus.DRAFT,
        ),
    }
    db.session.commit()
    return products


def _titles(client, q, headers=EN):
    html = client.get("/products", query_string={"q": q}, headers=headers).get_data(as_text=True)
    return html, {
        name for name in ("Morning Sea", "Night Café", "Rahasia", "Laut Pagi") if name in html
    }


@pytest.mark.parametrize(
    "q, found",
    [
        ("tas biru", {"Morning Sea"}),  # category (Indonesian) + description (Indonesian)
        ("biru tas", {"Morning Sea"}),  # any order
        ("dompet hitam", {"Night Café"}),
        ("HITAM dompet", {"Night Café"}),
        ("blue bag", {"Morning Sea"}),
        ("bag blue", {"Morning Sea"}),
        ("cafe", {"Night Café"}),  # accent-insensitive
        ("CAFÉ night", {"Night Café"}),
        ("nylon", {"Morning Sea"}),  # materials
        ("siti", {"Morning Sea"}),  # her public name
        ("wallets", {"Night Café"}),  # category in English
    ],
)
def test_every_word_in_any_order_across_fields_and_languages(client, shop, q, found):
    _html, titles = _titles(client, q)
    assert titles == found


def test_a_hidden_product_is_never_found(client, shop):
    html, titles = _titles(client, "rahasia")
    assert titles == set()
    assert "dompet-hitam-rahasia" not in html and "/products/rahasia" not in html


def test_an_unlisted_makers_product_is_never_found(client, shop):
    maker = shop["black"].maker
    maker.is_listed = False
    db.session.commit()
    assert _titles(client, "dompet hitam")[1] == set()


def test_the_legal_surname_finds_nothing(client, shop):
    assert _titles(client, "rahayu")[1] == set()
    assert _titles(client, "kusumawardhani")[1] == set()


def test_a_changed_public_name_is_searchable_at_once(client, shop):
    maker = shop["blue"].maker
    update_privacy(maker, {"uses_chosen_name": True, "chosen_name": "Mawar"}, actor_id=None)
    assert _titles(client, "mawar")[1] == {"Morning Sea"}
    assert _titles(client, "siti")[1] == set()


def test_a_typo_gets_a_did_you_mean_that_finds_products(client, shop):
    html, titles = _titles(client, "dompet hitm")
    assert titles == set()
    assert 'id="did-you-mean"' in html and "dompet hitam" in html.split('id="did-you-mean"')[1]
    follow, _ = _titles(client, "dompet hitam")
    assert "Night Café" in follow


def test_no_suggestion_from_hidden_products(client, shop):
    html, _ = _titles(client, "rahasiaa")
    assert 'id="did-you-mean"' not in html


def test_a_title_match_ranks_above_a_description_match(client, shop):
    from datetime import timedelta

    older = make_product(
        shop["blue"].maker,
        shop["blue"].category,
        slug="biru-besar",
        title_id="Biru Besar",
        title_en="Big Blue",
    )
    older.published_at = shop["blue"].published_at - timedelta(days=30)  # newest-first would lose
    db.session.commit()
    html = client.get("/products?q=biru").get_data(as_text=True)
    assert html.index("Biru Besar") < html.index("Laut Pagi")
