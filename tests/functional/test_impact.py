"""Impact figures against a hand-computed fixture, consent switches and the sponsor role."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest

from storefront.auth.models import Role
from storefront.earnings.services import record_refund, record_sale
from storefront.extensions import db
from storefront.impact import queries
from tests.conftest import login
from tests.factories import make_maker, make_product, make_sold_order, make_user

EN = {"Accept-Language": "en"}


def _sell(lines, plastic, shipping_idr=0, record=True, status="paid"):
    """A paid order whose lines upcycled `plastic` grams per unit (one number per line)."""
    order = make_sold_order(lines, shipping_idr=shipping_idr, record=False, status=status)
    for line, grams in zip(order.lines, plastic, strict=True):
        line.plastic_grams = grams
    if record:
        record_sale(order)
    db.session.commit()
    return order


@pytest.fixture
def sales():
    """Hand-computed: see the expected figures in each test."""
    siti = make_maker(slug="siti", full_name="Siti Rahayu", shares_income=True)
    dewi = make_maker(slug="dewi", full_name="Dewi Lestari", fee_bps=500)
    rina = make_maker(slug="rina", full_name="Rina Wati")
    ayu = make_maker(slug="ayu", full_name="Ayu Lestari")
    # Siti 2 x 150.000 (200 g each), Dewi 1 x 80.000 (100 g), shipping 20.000.
    first = _sell([(siti, 150_000, 2), (dewi, 80_000, 1)], [200, 100], shipping_idr=20_000)
    # Half of Siti's line refunded: 150.000 back, one of her two bags.
    record_refund(first, 150_000, "re_half", line_amounts={first.lines[0].id: 150_000})
    # Rina 1 x 45.000 (50 g), then fully refunded: must not count.
    second = _sell([(rina, 45_000, 1)], [50])
    record_refund(second, 45_000, "re_full")
    # Ayu's order was never paid: must not count.
    _sell([(ayu, 300_000, 1)], [400], record=False, status="pending_payment")
    db.session.commit()
    return {"siti": siti, "dewi": dewi, "rina": rina, "ayu": ayu}


def test_totals_match_the_hand_computed_fixture(sales):
    totals = queries.totals()
    # Siti 270.000 - 135.000 + Dewi 76.000 (5% fee) + Rina 40.500 - 40.500
    assert totals.maker_income_idr == 211_000
    assert totals.makers_earned_ever == 2
    assert totals.makers_earned_30_days == 2
    assert totals.products_sold == 2  # one of Siti's two, Dewi's one, none of Rina's
    assert totals.plastic_grams == 300


def test_makers_earned_in_last_30_days_ignores_older_sales(sales):
    later = datetime.now(UTC) + timedelta(days=31)
    assert queries.totals(now=later).makers_earned_30_days == 0


def test_activity_counts_payments_refunds_fees_and_listings(sales):
    activity = queries.activity()
    assert activity.orders_paid == 2
    assert activity.sales_idr == 445_000
    assert activity.refunds_idr == 195_000
    assert activity.platform_fees_idr == 30_000 + 4_000 + 4_500 - 15_000 - 4_500


def test_public_impact_page_shows_the_figures(app, client, sales):
    app.config["IMPACT_MIN_MAKERS"] = 2
    try:
        html = client.get("/impact", headers=EN).get_data(as_text=True)
    finally:
        app.config["IMPACT_MIN_MAKERS"] = 3
    assert "Rp211.000" in html
    assert "0.3 kg" in html
    assert html.count("Rp211.000") >= 2  # the total and this month's row


def test_public_impact_hides_income_when_too_few_makers_sold(client, sales):
    html = client.get("/impact", headers=EN).get_data(as_text=True)
    assert "Rp211.000" not in html
    assert "hidden (too few makers)" in html
    assert "0.3 kg" in html


def test_impact_page_in_indonesian(client, sales):
    html = client.get("/impact").get_data(as_text=True)
    assert "Plastik yang didaur ulang" in html


def test_product_page_breaks_the_price_down_by_the_fee_rule_that_applies(client):
    dewi = make_maker(slug="dewi", full_name="Dewi Lestari", fee_bps=500)
    make_product(dewi, slug="tas-dewi", price_idr=80_000, plastic_grams=90)
    siti = make_maker(slug="siti", full_name="Siti Rahayu")
    make_product(siti, slug="tas-siti", price_idr=150_000)
    dewi_html = client.get("/products/tas-dewi", headers=EN).get_data(as_text=True)
    assert "Rp76.000 goes to Dewi" in dewi_html and "Rp4.000 pays for running the shop" in dewi_html
    assert "upcycled 90 g" in dewi_html
    siti_html = client.get("/products/tas-siti", headers=EN).get_data(as_text=True)
    assert "Rp135.000 goes to Siti" in siti_html and "Rp15.000 pays" in siti_html


def test_maker_profile_shows_products_sold_only_with_consent(client, sales):
    make_product(sales["siti"], slug="tas-siti")
    html = client.get("/makers/siti", headers=EN).get_data(as_text=True)
    assert "1 of her products has found a home" in html
    sales["siti"].shows_sales_count = False
    db.session.commit()
    html = client.get("/makers/siti", headers=EN).get_data(as_text=True)
    assert "found a home" not in html


def test_sponsor_report_names_only_consenting_makers(client, sales):
    sponsor = make_user(Role.SPONSOR, email="sponsor@example.com")
    login(client, sponsor)
    html = client.get("/reports", headers=EN).get_data(as_text=True)
    assert "Siti" in html  # she agreed
    assert "Dewi" not in html and "Maker A" in html  # she did not
    assert "Rina" not in html
    assert "Rp211.000" in html
    assert "Rp76.000" in html  # the median of [135.000, 76.000, 0] income is 76.000


def test_sponsor_report_csv(client, sales):
    login(client, make_user(Role.ADMIN))
    response = client.get("/reports.csv", headers=EN)
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    figures = {row[0]: row[1] for row in rows if len(row) == 2}
    assert figures["maker_income_idr"] == "211000"
    assert figures["products_sold"] == "2"
    assert figures["plastic_grams"] == "300"
    assert figures["refunds_idr"] == "195000"
    assert ["Siti", "135000", "1"] in rows
    assert ["Maker A", "76000", "1"] in rows
    assert not any("Dewi" in cell for row in rows for cell in row)


def test_report_range_excludes_sales_outside_it(client, sales):
    login(client, make_user(Role.ADMIN))
    yesterday = (datetime.now(UTC) - timedelta(days=2)).date().isoformat()
    response = client.get(f"/reports.csv?start=2020-01-01&end={yesterday}")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert ["maker_income_idr", "0"] in rows


@pytest.mark.parametrize(
    "query", ["start=yesterday", "start=2026-13-01", "start=2026-05-01&end=2026-01-01"]
)
def test_report_bad_dates_are_400(client, query):
    login(client, make_user(Role.ADMIN))
    assert client.get(f"/reports?{query}").status_code == 400


@pytest.mark.parametrize(
    ("role", "status"), [(Role.CUSTOMER, 403), (Role.MAKER, 403), (Role.SPONSOR, 200)]
)
def test_reports_are_for_admins_and_the_sponsor_only(client, role, status):
    login(client, make_user(role))
    assert client.get("/reports").status_code == status


def test_sponsor_sees_nothing_but_the_reports(client):
    login(client, make_user(Role.SPONSOR))
    assert client.get("/admin/").status_code == 403
    assert client.get("/maker/").status_code == 403


def test_anonymous_visitor_is_sent_to_sign_in_for_reports(client):
    response = client.get("/reports")
    assert response.status_code == 302


def test_maker_changes_her_privacy_choices(client):
    maker = make_maker(slug="siti", full_name="Siti Rahayu", with_user=True)
    login(client, maker.user)
    response = client.post(
        "/maker/privacy",
        data={"uses_chosen_name": "y", "chosen_name": "Bu Melati", "shows_sales_count": "y"},
    )
    assert response.status_code == 302
    db.session.refresh(maker)
    assert maker.public_name == "Bu Melati"
    assert maker.shows_portrait is False and maker.shares_income is False
    assert client.get("/makers/siti").status_code == 301  # her page moved to her chosen name
    html = client.get("/makers/bu-melati").get_data(as_text=True)
    assert "Bu Melati" in html and "Siti" not in html


def test_chosen_name_is_required_when_she_asks_to_use_one(client):
    maker = make_maker(with_user=True)
    login(client, maker.user)
    response = client.post("/maker/privacy", data={"uses_chosen_name": "y", "chosen_name": " "})
    assert response.status_code == 400
    db.session.refresh(maker)
    assert maker.uses_chosen_name is False


def test_admin_sets_privacy_for_a_maker(client):
    maker = make_maker(slug="siti", full_name="Siti Rahayu")
    login(client, make_user(Role.ADMIN))
    response = client.post(f"/admin/makers/{maker.id}/privacy", data={"shares_income": "y"})
    assert response.status_code == 302
    db.session.refresh(maker)
    assert maker.shares_income is True and maker.shows_portrait is False


def test_maker_cannot_use_the_admin_privacy_page(client):
    maker = make_maker(with_user=True)
    login(client, maker.user)
    assert client.post(f"/admin/makers/{maker.id}/privacy", data={}).status_code == 403


def test_impact_and_report_query_counts_stay_constant(client, count_queries, sales):
    admin = make_user(Role.ADMIN)
    login(client, admin)

    def count(url):
        client.get(url)
        with count_queries() as counter:
            assert client.get(url).status_code == 200
        return counter.count

    before = (count("/impact"), count("/reports"), count("/makers/siti"))
    for _ in range(15):
        _sell([(sales["siti"], 50_000, 1), (sales["dewi"], 60_000, 2)], [80, 90])
    after = (count("/impact"), count("/reports"), count("/makers/siti"))
    assert before == after


def test_impact_page_in_indonesian_writes_kilograms_with_a_decimal_comma(client, sales):
    html = client.get("/impact").get_data(as_text=True)
    assert "0,3 kg" in html
    assert "0.3 kg" not in html


def test_impact_page_charts_income_and_plastic_per_month(client, sales):
    html = client.get("/impact", headers=EN).get_data(as_text=True)
    assert 'aria-labelledby="impact-chart-title"' in html
    assert 'aria-labelledby="plastic-chart-title"' in html
    assert html.count("<rect ") == 2  # one month of sales: one income bar, one plastic bar


def test_impact_names_earned_and_paid_out_truthfully(app, client, sales):
    """Earned income is not money paid: the page shows both, each under its own name."""
    from datetime import date

    from storefront.earnings.services import record_payout

    record_payout(sales["dewi"], 50_000, paid_on=date.today(), method="cash")
    assert queries.totals().paid_out_idr == 50_000
    app.config["IMPACT_MIN_MAKERS"] = 2
    try:
        html = client.get("/impact", headers=EN).get_data(as_text=True)
    finally:
        app.config["IMPACT_MIN_MAKERS"] = 3
    assert "Paid to the makers" not in html.split('id="impact-income"')[1].split("</li>")[0]
    assert "Earned by the makers" in html
    paid = html.split('id="impact-paid-out"')[1].split("</li>")[0]
    assert "Paid out to the makers so far" in paid and "Rp50.000" in paid
