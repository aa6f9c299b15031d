"""Approximate prices for visitors abroad: shown next to rupiah from the admins' rate table, never
charged: the order and the gateway only ever see whole rupiah."""

from storefront.auth.models import Role
from storefront.currency import CurrencyRate, approximate
from storefront.extensions import db
from storefront.payments.test_gateway import TestGateway
from tests.conftest import login
from tests.factories import cart_add, checkout_post, latest_order, make_product, make_user

EN = {"Accept-Language": "en"}


def _rate(code="USD", idr_per_unit=16_300):
    db.session.add(CurrencyRate(code=code, idr_per_unit=idr_per_unit))
    db.session.commit()


def _choose(client, code="USD"):
    return client.get(f"/currency?code={code}&next=/products")


def test_approximation_is_rounded_to_the_currency_and_marked(app):
    rate = CurrencyRate(code="USD", idr_per_unit=16_300)
    assert approximate(159_740, rate, "en") == "≈ US$9.80"
    assert approximate(159_740, rate, "id") == "≈ US$9,80"


def test_a_visitor_who_chose_a_currency_sees_approximate_prices(client):
    _rate()
    make_product(price_idr=159_740, title_en="Beach Bag")
    assert "≈" not in client.get("/products", headers=EN).text
    chosen = _choose(client)
    assert chosen.status_code == 302 and chosen.headers["Location"] == "/products"
    page = client.get("/products", headers=EN)
    assert "Rp159.740" in page.text and "≈ US$9.80" in page.text
    assert page.headers["Cache-Control"] == "private"  # never a shared cached copy


def test_a_currency_without_a_rate_or_not_offered_shows_rupiah_only(client):
    make_product(price_idr=159_740)
    _choose(client, "USD")  # offered, but no rate yet
    assert "≈" not in client.get("/products").text
    _rate("XAU", 30_000_000)
    _choose(client, "XAU")  # not offered: the cookie is cleared
    assert "≈" not in client.get("/products").text


def test_approximate_prices_never_reach_the_gateway(client, monkeypatch):
    requests = []
    real = TestGateway.create_payment

    def record(self, request):
        requests.append(request)
        return real(self, request)

    monkeypatch.setattr(TestGateway, "create_payment", record)
    _rate("USD", 16_300)
    _choose(client)
    cart_add(client, make_product(price_idr=159_740))
    page = client.get("/checkout", headers=EN)
    assert "You pay in Indonesian rupiah (IDR)." in page.text
    assert "≈ US$9.80" in page.text
    checkout_post(client, currency="USD", amount="9.80")
    order = latest_order()
    assert order.total_idr == 159_740 + 15_000
    assert [(r.amount_idr, type(r.amount_idr)) for r in requests] == [(order.total_idr, int)]


def test_admins_keep_the_rate_table(client):
    login(client, make_user(Role.ADMIN))
    saved = client.post("/admin/currencies/", data={"code": "usd", "idr_per_unit": "16250"})
    assert saved.status_code == 302
    assert db.session.get(CurrencyRate, "USD").idr_per_unit == 16_250
    assert (
        client.post("/admin/currencies/", data={"code": "IDR", "idr_per_unit": "1"}).status_code
        == 400
    )
    assert (
        client.post("/admin/currencies/", data={"code": "US", "idr_per_unit": "1"}).status_code
        == 400
    )
    client.post("/admin/currencies/USD/delete")
    db.session.expire_all()
    assert db.session.get(CurrencyRate, "USD") is None
