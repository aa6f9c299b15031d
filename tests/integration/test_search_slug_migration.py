"""Migration 0018: makers whose slug was their legal name get a public-name slug (the old one kept
for a 301), and the search index is filled with the public products that already existed."""

from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from storefront.extensions import db
from tests.factories import make_category, make_maker, make_product


def test_0018_reslugs_legal_names_and_indexes_existing_products(app, client):
    maker = make_maker(slug="siti-rahayu", full_name="Siti Rahayu")
    make_product(maker, make_category(name_id="Tas Bahu"), slug="laut", title_id="Tas Biru Laut")
    db.session.commit()
    db.session.remove()
    downgrade(revision="0017")
    try:
        with db.engine.begin() as conn:
            assert conn.execute(text("SELECT slug FROM maker")).scalar_one() == "siti-rahayu"
    finally:
        upgrade(revision="heads")
    with db.engine.begin() as conn:
        assert conn.execute(text("SELECT slug FROM maker")).scalar_one() == "siti"
        assert conn.execute(text("SELECT slug FROM maker_old_slug")).scalar_one() == "siti-rahayu"
        body = conn.execute(text("SELECT body FROM product_search")).scalar_one()
    assert "rahayu" not in body and "siti" in body
    assert client.get("/makers/siti-rahayu").status_code == 301
    assert "Tas Biru Laut" in client.get("/products?q=biru tas").get_data(as_text=True)
