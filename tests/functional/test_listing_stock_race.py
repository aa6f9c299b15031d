"""A maker's stock edit never gives back units that sold while her page was open."""

from storefront.catalog.models import ListingStatus, Product
from storefront.extensions import db
from tests.conftest import login
from tests.factories import (
    cart_add,
    checkout_post,
    make_category,
    make_maker,
    make_product,
)

EN = {"Accept-Language": "en"}


def _stock(product) -> int:
    db.session.expire_all()
    return db.session.get(Product, product.id).stock


def _edit_form(page_product, **changes):
    data = {
        "title_id": page_product.title_id,
        "description_id": "Tas anyaman",
        "category_id": str(page_product.category_id),
        "price": "150000",
        "stock": "1",
        "stock_seen": "1",
        "plastic_grams": "100",
        "save_draft": "y",
    }
    data.update(changes)
    return data


def test_saving_the_edit_form_after_a_sale_does_not_restock_the_sold_bag(app, client):
    maker = make_maker(with_user=True)
    product = make_product(maker, make_category(), status=ListingStatus.LIVE, stock=1)
    maker_client = app.test_client()
    login(maker_client, maker.user)
    page = maker_client.get(f"/maker/listings/{product.id}/edit").get_data(as_text=True)
    assert 'name="stock_seen" type="hidden" value="1"' in page
    cart_add(client, product)  # a customer buys the only bag while she is typing
    assert checkout_post(client).status_code == 302
    assert _stock(product) == 0
    response = maker_client.post(
        f"/maker/listings/{product.id}/edit", data=_edit_form(product), headers=EN
    )
    assert response.status_code == 302  # she did not touch the stock: her other edits save
    assert _stock(product) == 0


def test_changing_stock_after_a_sale_is_refused_with_the_current_number(app, client):
    maker = make_maker(with_user=True)
    product = make_product(maker, make_category(), status=ListingStatus.LIVE, stock=2)
    maker_client = app.test_client()
    login(maker_client, maker.user)
    cart_add(client, product)
    checkout_post(client)  # one of two sold: stock is now 1
    response = maker_client.post(
        f"/maker/listings/{product.id}/edit",
        data=_edit_form(product, stock="5", stock_seen="2"),
        headers=EN,
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Someone bought this product while you were editing" in html
    assert 'name="stock_seen" type="hidden" value="1"' in html
    assert _stock(product) == 1


def test_quick_stock_change_on_the_list_page_checks_what_she_saw(app, client):
    maker = make_maker(with_user=True)
    product = make_product(maker, make_category(), status=ListingStatus.LIVE, stock=3)
    login(client, maker.user)
    ok = client.post(f"/maker/listings/{product.id}/stock", data={"stock": "6", "stock_seen": "3"})
    assert ok.status_code == 302 and _stock(product) == 6
    stale = client.post(
        f"/maker/listings/{product.id}/stock", data={"stock": "9", "stock_seen": "3"}
    )
    assert stale.status_code == 409
    assert _stock(product) == 6
