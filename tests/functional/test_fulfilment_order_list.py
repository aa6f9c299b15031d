"""The admin orders list: filters by status, maker, dates and search; admins only."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.factories import make_maker, make_sold_order, make_user


@pytest.fixture
def orders(login_as, app):
    login_as(make_user("admin"))
    siti, rina = make_maker(), make_maker()
    return {
        "siti": siti,
        "rina": rina,
        "a": make_sold_order([(siti, 100_000, 1)], email="ani@example.com", phone="081299990001"),
        "b": make_sold_order(
            [(rina, 50_000, 1)], status="shipped", email="budi@example.com", phone="085711112222"
        ),
    }


def _numbers(client, query: str) -> set[str]:
    response = client.get(f"/admin/orders/?{query}")
    assert response.status_code == 200
    return set(re.findall(r'<tr class="order-row">\s*<td><a[^>]*>([^<]+)</a>', response.text))


def test_without_filters_every_order_is_listed(client, orders):
    assert _numbers(client, "") == {orders["a"].number, orders["b"].number}


def test_filter_by_status(client, orders):
    assert _numbers(client, "status=shipped") == {orders["b"].number}


def test_filter_by_maker(client, orders):
    assert _numbers(client, f"maker={orders['siti'].id}") == {orders["a"].number}


def test_filter_by_date_range(client, orders):
    today = datetime.now(ZoneInfo("Asia/Jakarta")).date()  # dates are Jakarta days
    assert _numbers(client, f"date_from={today - timedelta(days=1)}&date_to={today}") == {
        orders["a"].number,
        orders["b"].number,
    }
    assert _numbers(client, f"date_to={today - timedelta(days=3)}") == set()


def test_search_by_number(client, orders):
    assert _numbers(client, f"q={orders['a'].number}") == {orders["a"].number}


def test_search_by_email(client, orders):
    assert _numbers(client, "q=budi@example") == {orders["b"].number}


def test_search_by_phone_in_any_format(client, orders):
    assert _numbers(client, "q=%2B62 812-9999-0001") == {orders["a"].number}


def test_garbled_filters_do_not_break_the_page(client, orders):
    assert client.get("/admin/orders/?date_from=yesterday&maker=abc&status=x").status_code == 200


@pytest.mark.parametrize("role", ["customer", "maker", "sponsor"])
@pytest.mark.parametrize("url", ["/admin/orders/", "/admin/payouts/", "/admin/payouts/history.csv"])
def test_only_admins_see_orders_and_payouts(client, login_as, app, role, url):
    login_as(make_user(role))
    assert client.get(url).status_code == 403


def test_missing_order_is_404(client, orders):
    assert client.get("/admin/orders/99999").status_code == 404
