"""Product cards on every list say "Reserved, may be back at HH.mm WIB" when a product's stock is
held only by another buyer's unpaid checkout (not "Sold out"), from one query per list; a cached
page stops saying so as soon as the reservation is paid, released or over."""

import re
import time
from datetime import timedelta

import pytest
from sqlalchemy import update

from storefront.auth.models import Role
from storefront.database import utcnow
from storefront.extensions import db
from storefront.orders.models import Order
from storefront.payments.jobs import release_expired_task
from tests.conftest import login
from tests.factories import (
    cart_add,
    checkout_post,
    latest_order,
    make_maker,
    make_product,
    make_user,
)

EN = {"Accept-Language": "en"}
RESERVED_EN = "Reserved, may be back at 12:30 WIB"
RESERVED_ID = "Dipesan orang lain, mungkin tersedia lagi pukul 12.30 WIB"


def _reserve(app, product):
    """Buyer A checks the product out and does not pay (yet): its stock is held for her."""
    buyer = app.test_client()
    cart_add(buyer, product)
    assert checkout_post(buyer).status_code == 302
    order = latest_order()
    # 05:30 UTC is 12:30 in Jakarta (WIB, UTC+7)
    order.reserved_until = utcnow().replace(hour=5, minute=30, microsecond=0) + timedelta(days=1)
    db.session.commit()
    return buyer, order


def _card(html: str, product) -> str:
    """The card (list item) of one product on a page."""
    found = re.search(
        r'<li class="card[^"]*"[^>]*>(?:(?!</li>).)*?/products/'
        + re.escape(product.slug)
        + r'".*?</li>',
        html,
        re.S,
    )
    assert found, f"no card for {product.slug}"
    return found.group(0)


@pytest.fixture
def shop(app):
    maker = make_maker()
    held = make_product(maker, stock=1, title_en="Blue Held Bag", title_id="Tas Biru Dipesan")
    gone = make_product(maker, stock=0, title_en="Blue Gone Bag", title_id="Tas Biru Habis")
    other = make_product(maker, stock=2)
    _reserve(app, held)
    db.session.expire_all()
    return {"held": held, "gone": gone, "other": other, "maker": maker}


def test_a_card_held_by_another_buyer_says_when_it_may_be_back(client, shop):
    english = client.get("/products", headers=EN).text
    card = _card(english, shop["held"])
    assert RESERVED_EN in card and "Sold out" not in card
    gone = _card(english, shop["gone"])
    assert "Sold out" in gone and "Reserved" not in gone
    indonesian = client.get("/products").text
    assert RESERVED_ID in _card(indonesian, shop["held"])
    assert "Habis" in _card(indonesian, shop["gone"])


@pytest.mark.parametrize(
    "page",
    ["/", "/products?q=blue", "/makers/{maker}", "/products/{other}"],
)
def test_every_list_of_cards_says_reserved(client, shop, page):
    url = page.format(maker=shop["maker"].slug, other=shop["other"].slug)
    html = client.get(url, headers=EN).text
    assert RESERVED_EN in _card(html, shop["held"]), url
    assert "Sold out" in _card(html, shop["gone"]), url


def test_the_wishlist_says_reserved_too(client, shop):
    customer = make_user(Role.CUSTOMER)
    login(client, customer)
    for product in (shop["held"], shop["gone"]):
        client.post(f"/wishlist/{product.id}", data={"next": "/products"})
    html = client.get("/account/wishlist", headers=EN).text
    held = re.search(rf'id="wish-{shop["held"].id}".*?</li>', html, re.S).group(0)
    gone = re.search(rf'id="wish-{shop["gone"].id}".*?</li>', html, re.S).group(0)
    assert RESERVED_EN in held and "Sold out" not in held
    assert "Sold out" in gone


def test_an_ended_reservation_is_not_shown_as_reserved(client, shop):
    order = latest_order()
    order.reserved_until = utcnow() - timedelta(minutes=1)
    db.session.commit()
    client.get("/products")  # the page releases it first, so the bag is back on sale
    assert "Reserved" not in _card(client.get("/products", headers=EN).text, shop["held"])


# --- the page cache --------------------------------------------------------------------------


@pytest.fixture
def page_cache(app):
    app.config["PAGE_CACHE_SECONDS"] = 300
    yield
    app.config["PAGE_CACHE_SECONDS"] = 0


def _guest_card(app, product) -> str:
    return _card(app.test_client().get("/products", headers=EN).text, product)


def test_a_cached_page_stops_saying_reserved_when_the_order_is_paid(app, shop, page_cache):
    assert RESERVED_EN in _guest_card(app, shop["held"])
    assert RESERVED_EN in _guest_card(app, shop["held"])  # the cached copy
    buyer, order = app.test_client(), latest_order()
    assert buyer.post(f"/pay/{order.token}/test", data={"outcome": "success"}).status_code == 302
    card = _guest_card(app, shop["held"])
    assert "Reserved" not in card and "Sold out" in card


def test_a_cached_page_stops_saying_reserved_when_the_job_releases_it(app, shop, page_cache):
    assert RESERVED_EN in _guest_card(app, shop["held"])
    order = latest_order()
    with db.engine.begin() as connection:  # the clock moves on: no write the page cache sees
        connection.execute(
            update(Order)
            .where(Order.id == order.id)
            .values(reserved_until=utcnow() - timedelta(minutes=1))
        )
    assert RESERVED_EN in _guest_card(app, shop["held"])  # still the cached copy
    assert release_expired_task() == 1  # the scheduler's periodic task
    card = _guest_card(app, shop["held"])
    assert "Reserved" not in card and "Sold out" not in card


def test_a_cached_page_is_kept_no_longer_than_the_reservation(app, shop, page_cache, client):
    order = latest_order()
    order.reserved_until = utcnow() + timedelta(seconds=2)
    db.session.commit()
    assert "Reserved, may be back at" in _guest_card(app, shop["held"])
    time.sleep(2.5)  # nothing is written meanwhile: only the copy's own end can drop it
    card = _guest_card(app, shop["held"])
    assert "Reserved" not in card and "Sold out" not in card
