"""An option that changes a live listing's price waits for an admin, like a revision of the
listing: not in the buy box, refused by the cart and checkout, its stock outside the product's
until approved; rejected, it is removed and the maker is told why. An option without a price
difference, or on a listing that is not live yet, is added as before."""

import re

import pytest

from storefront.audit import AuditEntry
from storefront.auth.models import Role
from storefront.cart.models import Cart, CartLine
from storefront.catalog.models import ListingStatus as L
from storefront.catalog.models import Product, ProductVariant
from storefront.extensions import db
from storefront.listings import variants as options
from storefront.orders.stock import take_stock
from tests.conftest import login
from tests.factories import checkout_post, latest_order, make_maker, make_product, make_user

EN = {"Accept-Language": "en"}


@pytest.fixture
def maker():
    return make_maker(user=make_user(Role.MAKER, password=None, email="siti@example.com"))


@pytest.fixture
def admin():
    return make_user(Role.ADMIN, password=None)


def _live_bag(maker, **fields) -> Product:
    """A live bag with one option already on sale (2 red ones at the bag's price)."""
    product = make_product(maker, price_idr=150_000, stock=0, **fields)
    options.add_variant(product, colour="Merah", size="", stock=2)
    return product


def _propose(client, product, price_delta="20000", stock="3", colour="Biru"):
    return client.post(
        f"/maker/listings/{product.id}/variants",
        data={
            "colour": colour,
            "size": "",
            "price_delta": price_delta,
            "stock": stock,
            "photo": "",
        },
    )


def _option(product, colour="Biru") -> ProductVariant:
    db.session.expire_all()
    return db.session.scalars(
        db.select(ProductVariant).where(
            ProductVariant.product_id == product.id, ProductVariant.colour == colour
        )
    ).one()


def _stock(product) -> int:
    db.session.expire_all()
    return db.session.get(Product, product.id).stock


def _add_to_cart(client, product, variant):
    data = {"product_id": str(product.id), "quantity": "1", "variant_id": str(variant.id)}
    return client.post("/cart/add", data=data, headers=EN)


def _proposed(client, maker, product) -> ProductVariant:
    login(client, maker.user)
    assert _propose(client, product).status_code == 302
    client.post("/logout")
    return _option(product)


def _actions(product) -> list[str]:
    return list(
        db.session.scalars(
            db.select(AuditEntry.action)
            .where(AuditEntry.target_type == "product", AuditEntry.target_id == product.id)
            .order_by(AuditEntry.id)
        )
    )


def test_a_priced_option_on_a_live_listing_is_not_on_sale_until_reviewed(client, maker):
    product = _live_bag(maker)
    option = _proposed(client, maker, product)
    assert not option.is_approved
    page = client.get(f"/products/{product.slug}", headers=EN).text
    assert f'value="{option.id}"' not in page and "Biru" not in page
    assert _stock(product) == 2  # her 3 blue ones are not for sale yet


def test_the_cart_refuses_an_option_waiting_for_review(client, maker):
    product = _live_bag(maker)
    option = _proposed(client, maker, product)
    refused = _add_to_cart(client, product, option)
    assert 400 <= refused.status_code < 500
    assert "not available" in refused.text
    assert not db.session.scalars(db.select(CartLine)).all()


def test_the_first_option_of_a_bag_without_options_waits_and_the_bag_sells_as_before(client, maker):
    product = make_product(maker, price_idr=150_000, stock=4)
    option = _proposed(client, maker, product)
    page = client.get(f"/products/{product.slug}", headers=EN).text
    assert "variant_id" not in page and "Add to cart" in page
    assert _add_to_cart(client, product, option).status_code == 400
    plain = {"product_id": str(product.id), "quantity": "1"}
    assert client.post("/cart/add", data=plain).status_code == 302
    assert _stock(product) == 4


def test_checkout_refuses_a_cart_line_of_an_option_waiting_for_review(client, maker):
    product = _live_bag(maker)
    option = _proposed(client, maker, product)
    assert _add_to_cart(client, product, _option(product, "Merah")).status_code == 302
    # A line that could only come from outside the cart service: the rows themselves.
    cart = db.session.scalars(db.select(Cart)).one()
    db.session.add(
        CartLine(cart=cart, product=product, variant=option, quantity=1, seen_price_idr=170_000)
    )
    db.session.commit()
    response = checkout_post(client)
    assert 400 <= response.status_code < 500
    assert latest_order() is None
    assert (_stock(product), _option(product).stock) == (2, 3)


def test_stock_is_never_taken_from_an_option_waiting_for_review(app, maker):
    product = make_product(maker, price_idr=150_000, stock=5)
    option = options.add_variant(product, colour="Biru", size="", price_delta_idr=20_000, stock=3)
    assert not option.is_approved
    assert not take_stock(product.id, 1, option.id)
    db.session.commit()
    assert (_stock(product), _option(product).stock) == (5, 3)


def test_her_options_page_says_it_waits_for_review(client, maker):
    product = _live_bag(maker)
    login(client, maker.user)
    _propose(client, product)
    page = client.get(f"/maker/listings/{product.id}/variants", headers=EN).text
    waiting = page.split("Biru")[1].split("</li>")[0]
    assert "Waiting for review" in waiting
    assert "Waiting for review" not in page.split("Merah")[1].split("</li>")[0]


def test_editing_the_stock_of_a_waiting_option_leaves_the_products(client, maker):
    product = _live_bag(maker)
    option = _proposed(client, maker, product)
    login(client, maker.user)
    saved = client.post(
        f"/maker/listings/{product.id}/variants/{option.id}/stock",
        data={"stock": "5", "stock_seen": "3"},
    )
    assert saved.status_code == 302
    assert (_option(product).stock, _stock(product)) == (5, 2)


def test_the_queue_and_the_admin_badge_count_waiting_options(client, maker, admin):
    product = _live_bag(maker, title_id="Tas Pilihan")
    _proposed(client, maker, product)
    login(client, admin)
    queue = client.get("/admin/listings/", headers=EN).text
    row = queue.split("Tas Pilihan")[1].split("</tr>")[0]
    assert "New option" in row and "Biru" in row and "Rp170.000" in row
    home = client.get("/admin/").text
    badge = home.split('href="/admin/listings/"')[1].split("</li>")[0]
    assert ">1</span>" in badge
    review = client.get(f"/admin/listings/{product.id}", headers=EN).text
    assert "Options waiting for review" in review and "Biru" in review


def test_approving_puts_it_on_sale_and_its_stock_joins_the_products(client, maker, admin):
    product = _live_bag(maker)
    option = _proposed(client, maker, product)
    login(client, admin)
    approved = client.post(f"/admin/listings/{product.id}/variants/{option.id}/approve")
    assert approved.status_code == 302
    assert _option(product).is_approved and _stock(product) == 5
    assert "variant.approve" in _actions(product)
    client.post("/logout")
    page = client.get(f"/products/{product.slug}", headers=EN).text
    assert f'value="{option.id}"' in page and "Rp170.000" in page
    assert _add_to_cart(client, product, option).status_code == 302
    assert checkout_post(client).status_code == 302
    line = latest_order().lines[0]
    assert (line.variant_id, line.unit_price_idr) == (option.id, 170_000)
    assert (_stock(product), _option(product).stock) == (4, 2)


def test_approving_the_first_option_takes_over_the_bags_own_units(client, maker, admin):
    product = make_product(maker, price_idr=150_000, stock=4)
    option = _proposed(client, maker, product)
    login(client, admin)
    client.post(f"/admin/listings/{product.id}/variants/{option.id}/approve")
    # Nothing on sale vanishes: her 4 units become this option's, as when a first option is added.
    assert (_option(product).stock, _stock(product)) == (7, 7)


def test_approving_twice_is_refused_without_a_server_error(client, maker, admin):
    product = _live_bag(maker)
    option = _proposed(client, maker, product)
    login(client, admin)
    client.post(f"/admin/listings/{product.id}/variants/{option.id}/approve")
    again = client.post(f"/admin/listings/{product.id}/variants/{option.id}/approve")
    assert again.status_code in (302, 409)
    assert _stock(product) == 5


def test_rejecting_removes_it_audits_and_tells_the_maker(client, maker, admin, sent):
    product = _live_bag(maker)
    option_id = _proposed(client, maker, product).id
    login(client, admin)
    rejected = client.post(
        f"/admin/listings/{product.id}/variants/{option_id}/reject",
        data={f"variant-{option_id}-reason": "Harga terlalu tinggi"},
    )
    assert rejected.status_code == 302
    db.session.expire_all()
    assert db.session.get(ProductVariant, option_id) is None
    assert _stock(product) == 2
    entry = db.session.scalars(
        db.select(AuditEntry).where(AuditEntry.action == "variant.reject")
    ).one()
    assert entry.target_id == product.id and entry.reason == "Harga terlalu tinggi"
    assert entry.details["variant"] == "Biru"
    (to, template, context) = sent[-1]
    assert to == "siti@example.com" and template == "listing_decision"
    assert context["approved"] is False and context["reason"] == "Harga terlalu tinggi"
    assert context["option"] == "Biru"
    login(client, maker.user)
    page = client.get("/maker/listings/").text
    assert "Harga terlalu tinggi" in page


def test_rejecting_an_option_needs_a_reason(client, maker, admin):
    product = _live_bag(maker)
    option = _proposed(client, maker, product)
    login(client, admin)
    response = client.post(
        f"/admin/listings/{product.id}/variants/{option.id}/reject",
        data={f"variant-{option.id}-reason": "  "},
    )
    assert response.status_code == 400
    assert not _option(product).is_approved


def test_an_option_without_a_price_difference_is_on_sale_at_once(client, maker):
    product = _live_bag(maker)
    login(client, maker.user)
    assert _propose(client, product, price_delta="0").status_code == 302
    option = _option(product)
    assert option.is_approved and _stock(product) == 5
    client.post("/logout")
    assert f'value="{option.id}"' in client.get(f"/products/{product.slug}").text


@pytest.mark.parametrize("status", [L.DRAFT, L.PENDING])
def test_a_priced_option_on_a_listing_not_yet_live_is_added_as_before(client, maker, status):
    product = _live_bag(maker, status=status)
    login(client, maker.user)
    assert _propose(client, product).status_code == 302
    assert _option(product).is_approved and _stock(product) == 5


@pytest.mark.parametrize("role", [None, Role.CUSTOMER, Role.MAKER])
def test_only_an_admin_decides_on_an_option(client, maker, role):
    product = _live_bag(maker)
    option = _proposed(client, maker, product)
    if role is not None:
        login(client, maker.user if role == Role.MAKER else make_user(role, password=None))
    base = f"/admin/listings/{product.id}/variants/{option.id}"
    approve = client.post(base + "/approve")
    reject = client.post(base + "/reject", data={f"variant-{option.id}-reason": "x"})
    for response in (approve, reject):
        assert response.status_code == 403 or response.headers["Location"].startswith("/login")
    assert not _option(product).is_approved and _stock(product) == 2


def test_an_option_of_another_listing_is_404(client, maker, admin):
    product = _live_bag(maker)
    option = _proposed(client, maker, product)
    other = make_product(maker)
    login(client, admin)
    response = client.post(f"/admin/listings/{other.id}/variants/{option.id}/approve")
    assert response.status_code == 404


def test_the_rejection_mail_names_the_option_in_her_language(app, client, admin):
    from tests.functional.test_listing_decision_mail import body, last_mail

    maker = make_maker(user=make_user(Role.MAKER, password=None, locale="id"))
    product = _live_bag(maker, title_id="Tas Kopi")
    option_id = _proposed(client, maker, product).id
    login(client, admin)
    client.set_cookie("lang", "en")
    client.post(
        f"/admin/listings/{product.id}/variants/{option_id}/reject",
        data={f"variant-{option_id}-reason": "Selisihnya terlalu besar"},
    )
    text = body(last_mail(app))
    assert "Pilihan baru “Biru” untuk produk Ibu “Tas Kopi” belum disetujui" in text
    assert "Selisihnya terlalu besar" in text


def test_after_deciding_the_admin_can_tell_her_on_whatsapp(client, admin):
    maker = make_maker(user=make_user(Role.MAKER, password=None, phone="+6281234567890"))
    product = _live_bag(maker)
    option = _proposed(client, maker, product)
    login(client, admin)
    page = client.post(
        f"/admin/listings/{product.id}/variants/{option.id}/approve", follow_redirects=True
    ).text
    assert "https://wa.me/6281234567890?text=" in page
    assert "pilihan%20baru%20%E2%80%9CBiru%E2%80%9D" in page


def test_an_approved_option_of_a_sold_out_bag_tells_back_in_stock_subscribers(
    client, maker, admin, sent
):
    product = _live_bag(maker)
    options.set_variant_stock(_option(product, "Merah"), 0, seen=2)
    assert client.post(
        f"/products/{product.id}/alert", data={"email": "rina@example.com"}
    ).status_code in (302, 303)
    confirm = re.sub(r"^https?://[^/]+", "", sent[-1][2]["confirm"])
    assert client.post(confirm).status_code == 200
    option = _proposed(client, maker, product)
    assert not [mail for mail in sent if mail[1] == "stock_alert_back"]  # waiting: not for sale
    login(client, admin)
    client.post(f"/admin/listings/{product.id}/variants/{option.id}/approve")
    assert [mail[0] for mail in sent if mail[1] == "stock_alert_back"] == ["rina@example.com"]
