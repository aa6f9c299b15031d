"""Bug 15, the smaller items: the payout date defaults to today, the sponsor lands on /reports,
English dates are Jakarta style with WIB, one brand name in both languages, the print view says
what and when, /admin/audit lists refunds, payouts, order steps and invitations."""

import re
from datetime import UTC, datetime

from flask import render_template_string

from storefront.database import utcnow
from storefront.shop import TIMEZONE
from tests.factories import make_maker, make_sold_order, make_user

EN = {"Accept-Language": "en"}


def test_payout_date_defaults_to_today_in_jakarta(client, login_as):
    login_as(make_user("admin"))
    maker = make_maker()
    make_sold_order([(maker, 100_000, 1)])
    html = client.get(f"/admin/payouts/makers/{maker.id}").text
    today = utcnow().astimezone(TIMEZONE).date().isoformat()
    assert re.search(rf'name="paid_on"[^>]*value="{today}"', html)


def test_sponsor_lands_on_the_reports(client):
    make_user("sponsor", email="sponsor@example.com")
    response = client.post(
        "/login", data={"identifier": "sponsor@example.com", "password": "correct-horse-42"}
    )
    assert response.status_code == 302
    assert response.location.endswith("/reports")


def test_english_dates_are_jakarta_style_with_wib(app):
    moment = datetime(2026, 12, 1, 12, 30, tzinfo=UTC)
    with app.test_request_context(headers=EN):
        text = render_template_string('{{ d|datetimeformat("short") }}', d=moment)
    assert "PM" not in text and "WIB" in text
    assert "19" in text and text.index("01") < text.index("12")  # day before month


def test_the_brand_is_one_name_in_both_languages(client):
    english = client.get("/", headers=EN).text
    indonesian = client.get("/").text
    assert "Anyaman Shop" not in english
    brand = re.search(r'class="brand"[^>]*>.*?<span>([^<]+)</span>', english, re.S).group(1)
    assert brand in indonesian and brand == "Toko Anyaman"


def test_print_view_names_the_programme_the_period_and_the_print_date(client, login_as, app):
    login_as(make_user("sponsor"))
    html = client.get("/reports?start=2026-01-01&end=2026-06-30", headers=EN).text
    assert app.config["PROGRAMME_NAME"] in html
    assert 'id="report-period"' in html and "2026" in html.split('id="report-period"')[1][:200]
    printed = html.split('id="report-printed"')[1].split("</p>")[0]
    assert "Printed on" in printed and "WIB" in printed


def test_audit_lists_refunds_payouts_order_steps_and_invitations(client, login_as, monkeypatch):
    from storefront.payments import refunds

    class Gateway:
        name = "fake"

        def refund(self, reference, amount_idr, key):
            return "re_1"

    monkeypatch.setattr(refunds, "_default_gateway", lambda: Gateway())
    admin = make_user("admin", name="Admin Ani")
    login_as(admin)
    maker = make_maker(user=make_user("maker", password=None))  # invited, no password yet
    order = make_sold_order([(maker, 100_000, 1)])
    client.post(f"/admin/orders/{order.id}/steps/pack")
    client.post(f"/admin/orders/{order.id}/refund", data={"amount": "10000", "confirmed": "1"})
    client.post(
        f"/admin/payouts/makers/{maker.id}",
        data={"amount": "20000", "paid_on": utcnow().date().isoformat(), "method": "cash"},
    )
    client.post(f"/admin/users/{maker.user.id}/link")
    html = client.get("/admin/audit", headers=EN).text
    for words in ("Order step", "Partial refund", "Payout recorded", "Invitation link made"):
        assert words in html, words
    assert f'href="/admin/orders/{order.id}"' in html
    assert "Admin Ani" in html
