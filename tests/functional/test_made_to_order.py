"""Made to order within her capacity: the product page's date, the date an order is promised,
her list of what to make, and the admins' list of late pieces."""

from datetime import date, timedelta

from storefront.auth.models import Role
from storefront.extensions import db
from storefront.orders.making import today_in_jakarta
from storefront.payments.paid import mark_paid
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


def _made_to_order(capacity=2, lead=10):
    maker = make_maker(user=make_user(Role.MAKER, password=None))
    maker.weekly_capacity = capacity
    db.session.commit()
    return make_product(maker=maker, stock=0, is_made_to_order=True, lead_time_days=lead)


def _order(client, product, quantity=1):
    cart_add(client, product, quantity)
    assert checkout_post(client).status_code == 302
    order = latest_order()
    mark_paid(order, order.payment_reference, order.total_idr, f"evt_{order.id}")
    return order


def _in(days: int) -> date:
    return today_in_jakarta() + timedelta(days=days)


def test_under_capacity_an_order_is_promised_the_lead_time(client):
    product = _made_to_order(capacity=2, lead=10)
    order = _order(client, product, 2)
    assert order.lines[0].ready_on == _in(10)


def test_an_order_beyond_capacity_moves_the_date_by_a_week(app):
    product = _made_to_order(capacity=2, lead=10)
    first, second = app.test_client(), app.test_client()
    assert _order(first, product, 2).lines[0].ready_on == _in(10)
    assert _order(second, product, 1).lines[0].ready_on == _in(17)


def test_the_product_page_shows_the_date_from_her_queue(app):
    product = _made_to_order(capacity=1, lead=5)
    visitor = app.test_client()
    page = visitor.get(f"/products/{product.slug}", headers=EN)
    assert _in(5).strftime("%B") in page.text and str(_in(5).day) in page.text
    _order(app.test_client(), product, 1)
    page = visitor.get(f"/products/{product.slug}", headers=EN)
    assert "ready by" in page.text
    label = page.text.split('id="ready-on">', 1)[1].split("</span>", 1)[0]
    assert str(_in(12).day) in label and _in(12).strftime("%B") in label


def test_her_list_is_in_order_of_due_date_and_made_pieces_leave_it(app):
    product = _made_to_order(capacity=1, lead=3)
    later = _order(app.test_client(), product, 1)
    sooner_product = make_product(
        maker=product.maker, stock=0, is_made_to_order=True, lead_time_days=1
    )
    sooner = _order(app.test_client(), sooner_product, 1)
    assert sooner.lines[0].ready_on > later.lines[0].ready_on  # the queue moved it back a week
    maker_client = app.test_client()
    login(maker_client, product.maker.user)
    page = maker_client.get("/maker/making").text
    assert page.index(later.number) < page.index(sooner.number)
    done = maker_client.post(f"/maker/making/{later.lines[0].id}/made")
    assert done.status_code == 302
    assert later.number not in maker_client.get("/maker/making").text


def test_another_makers_piece_cannot_be_marked(app):
    order = _order(app.test_client(), _made_to_order())
    other = make_maker(user=make_user(Role.MAKER, password=None))
    client = app.test_client()
    login(client, other.user)
    assert client.post(f"/maker/making/{order.lines[0].id}/made").status_code == 404


def test_admins_see_late_pieces(app):
    order = _order(app.test_client(), _made_to_order())
    order.lines[0].ready_on = _in(-1)
    db.session.commit()
    client = app.test_client()
    login(client, make_user(Role.ADMIN))
    assert order.number in client.get("/admin/made-to-order/late").text


def test_capacity_is_saved_from_her_page(app):
    maker = make_maker(user=make_user(Role.MAKER, password=None))
    client = app.test_client()
    login(client, maker.user)
    assert client.post("/maker/making", data={"weekly_capacity": "4"}).status_code == 302
    db.session.refresh(maker)
    assert maker.weekly_capacity == 4
    assert client.post("/maker/making", data={"weekly_capacity": "-1"}).status_code == 400
