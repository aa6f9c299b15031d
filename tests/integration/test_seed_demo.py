"""`flask seed-demo`: the demo makers, categories and products, run through the CLI.

Tables are emptied after every test, so each test seeds again; tiny photos (`--photo-width`) keep
that fast, and one test checks the full-size pictures on their own.
"""

import re

import pytest
from slugify import slugify
from sqlalchemy import func, select

from storefront.auth.models import Role, User
from storefront.auth.passwords import verify_password
from storefront.catalog.models import Category, ListingStatus, Product, ProductPhoto
from storefront.demo import images
from storefront.extensions import db
from storefront.makers.models import Maker
from storefront.media.storage import get_storage
from tests.factories import make_maker

FAST = ["seed-demo", "--photo-width", "48"]


def seed(runner, *extra: str):
    result = runner.invoke(args=[*FAST, *extra])
    assert result.exit_code == 0, result.output
    return result


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def products() -> list[Product]:
    return list(db.session.scalars(select(Product)))


def test_seed_creates_twenty_makers_each_with_a_maker_account(runner):
    seed(runner)
    makers = list(db.session.scalars(select(Maker)))
    assert len(makers) == 20
    for maker in makers:
        assert maker.user is not None and maker.user.role == Role.MAKER
        assert maker.user.email == f"{slugify(maker.full_name)}@example.com"  # never shown
        assert re.fullmatch(r"\+628\d{8,11}", maker.user.phone)
        assert maker.story_id and maker.story_en and maker.portrait_key and maker.neighbourhood
    assert len({m.user.phone for m in makers}) == 20


def test_maker_slugs_come_from_their_names(runner):
    seed(runner)
    siti = db.session.scalar(select(Maker).where(Maker.full_name == "Siti Rahayu"))
    assert siti.slug == "siti"  # from her public name, never her legal surname


def test_some_makers_keep_their_privacy_choices(runner):
    seed(runner)
    makers = list(db.session.scalars(select(Maker)))
    assert any(m.uses_chosen_name and m.public_name == m.chosen_name for m in makers)
    assert any(not m.shows_portrait for m in makers)


def test_seed_creates_an_admin(runner):
    seed(runner)
    admin = db.session.scalar(select(User).where(User.email == "admin@example.com"))
    assert admin.role == Role.ADMIN and admin.name == "Admin Program"


def test_demo_password_verifies_for_admin_and_makers(runner):
    seed(runner)
    for email in ("admin@example.com", "dewi-lestari@example.com"):
        user = db.session.scalar(select(User).where(User.email == email))
        assert verify_password(user.password_hash, "demo12345")
        assert not verify_password(user.password_hash, "demo123456")


def test_seed_creates_categories_and_at_least_eighty_products(runner):
    seed(runner)
    assert count(Category) >= 6
    assert count(Product) >= 80
    makers_with_products = db.session.scalar(select(func.count(func.distinct(Product.maker_id))))
    assert makers_with_products == 20


def test_prices_are_realistic_whole_rupiah(runner):
    seed(runner)
    prices = [p.price_idr for p in products()]
    assert all(35_000 <= price <= 450_000 and price % 1000 == 0 for price in prices)
    assert max(prices) - min(prices) >= 200_000


def test_stock_states_include_one_of_a_kind_made_to_order_and_sold_out(runner):
    seed(runner)
    live = [p for p in products() if p.status == ListingStatus.LIVE]
    assert sum(p.is_one_of_a_kind for p in live) >= 10
    made_to_order = [p for p in live if p.is_made_to_order]
    assert len(made_to_order) >= 5
    assert all(p.stock == 0 and 7 <= p.lead_time_days <= 21 for p in made_to_order)
    assert sum(not p.is_available for p in live) >= 5
    assert all(40 <= p.plastic_grams <= 600 for p in live)


def test_a_few_products_are_not_public_yet(runner):
    seed(runner)
    hidden = [p for p in products() if p.status in (ListingStatus.PENDING, ListingStatus.DRAFT)]
    assert 2 <= len(hidden) <= 6
    assert all(p.published_at is None for p in hidden)
    assert all(p.published_at is not None for p in products() if p.status == ListingStatus.LIVE)


def test_every_product_has_one_to_four_stored_photos(runner):
    seed(runner)
    storage = get_storage()
    for product in products():
        assert 1 <= len(product.photos) <= 4, product.slug
        for photo in product.photos:
            for width in (400, 1200):
                stored = storage.open(f"{photo.key}-{width}.webp")
                assert stored is not None
                stored.stream.close()


def test_second_run_creates_nothing_and_changes_nothing(runner):
    seed(runner)
    before = _snapshot()
    result = seed(runner)
    assert "created 0 users, 0 makers, 0 categories, 0 products, 0 photos" in result.output
    assert _snapshot() == before


def _snapshot() -> dict:
    db.session.expire_all()
    return {
        "users": sorted(db.session.execute(select(User.id, User.email, User.password_hash))),
        "makers": sorted(db.session.execute(select(Maker.id, Maker.slug, Maker.portrait_key))),
        "products": sorted(
            db.session.execute(select(Product.id, Product.slug, Product.price_idr, Product.stock))
        ),
        "photos": sorted(db.session.execute(select(ProductPhoto.id, ProductPhoto.key))),
    }


def test_product_slugs_are_readable_from_the_indonesian_title(runner):
    seed(runner)
    for product in products():
        assert product.slug == slugify(product.title_id), product.title_id


def test_if_empty_does_nothing_when_a_maker_exists(runner):
    make_maker(slug="ibu-lama", full_name="Ibu Lama")
    result = seed(runner, "--if-empty")
    assert "nothing to do" in result.output
    assert count(Maker) == 1 and count(Product) == 0


def test_if_empty_seeds_an_empty_database(runner):
    seed(runner, "--if-empty")
    assert count(Maker) == 20


def test_refuses_under_the_production_config(runner, app):
    app.config["IS_PRODUCTION"] = True
    try:
        result = runner.invoke(args=FAST)
    finally:
        app.config["IS_PRODUCTION"] = False
    assert result.exit_code != 0
    assert "production" in result.output
    assert count(User) == 0 and count(Maker) == 0


def test_output_lists_every_demo_sign_in(runner):
    result = seed(runner)
    assert "demo12345" in result.output
    assert "admin@example.com" in result.output
    for maker in db.session.scalars(select(Maker)):
        assert maker.user.email in result.output and maker.user.phone in result.output


@pytest.mark.parametrize("shape", ["tote", "backpack", "wallet", "placemat"])
def test_full_size_product_photos_are_woven_pictures(shape):
    first = images.product_photo([(30, 90, 160), (235, 240, 245)], "checked", shape, 0, "x")
    again = images.product_photo([(30, 90, 160), (235, 240, 245)], "checked", shape, 0, "x")
    assert first.size == (900, 675)
    assert first.tobytes() == again.tobytes()  # seeded: the same product gets the same photo
    assert len(first.getcolors(maxcolors=100_000) or range(100_001)) > 50


def test_portrait_is_an_illustration_with_her_initials():
    picture = images.portrait("SR", "siti-rahayu", wears_scarf=True)
    assert picture.size == (640, 640)
    assert len(picture.getcolors(maxcolors=100_000) or range(100_001)) > 20


def test_seed_creates_the_demo_admin_and_the_read_only_sponsor(runner):
    seed(runner)
    roles = dict(db.session.execute(select(User.email, User.role)).all())
    assert roles["admin@example.com"] == Role.ADMIN
    assert roles["sponsor@example.com"] == Role.SPONSOR


def test_seed_adds_a_sales_history_posted_to_the_ledger(runner, client):
    from storefront.earnings.models import LedgerEntry, LedgerTransaction, Payout, TxKind
    from storefront.impact.queries import totals
    from storefront.orders.models import Order
    from tests.conftest import login

    seed(runner)
    assert count(Order) == 30
    assert db.session.scalar(select(func.sum(LedgerEntry.amount_idr))) == 0
    kinds = set(db.session.scalars(select(LedgerTransaction.kind)))
    assert kinds == {TxKind.SALE, TxKind.REFUND, TxKind.PAYOUT}
    assert count(Payout) >= 3
    figures = totals()
    assert figures.makers_earned_ever >= 10 and figures.products_sold >= 30
    # A maker with sales sees them on her dashboard; the sponsor sees the report.
    maker = db.session.scalar(
        select(Maker).join(LedgerEntry, LedgerEntry.maker_id == Maker.id).limit(1)
    )
    login(client, maker.user)
    assert "Rp" in client.get("/maker/").get_data(as_text=True)
    seed(runner)
    assert count(Order) == 30  # a second run adds no sales


def test_some_demo_makers_agree_to_be_named_in_the_sponsor_report(runner):
    seed(runner)
    consenting = [m for m in db.session.scalars(select(Maker)) if m.shares_income]
    assert 0 < len(consenting) < 20
    assert all(not m.uses_chosen_name for m in consenting)
