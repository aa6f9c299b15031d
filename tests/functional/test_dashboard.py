"""The maker's dashboard and statement: every number against a hand-computed fixture."""

import csv
import io
import re
from datetime import UTC, date, datetime, timedelta

import pytest

from storefront.earnings import services
from storefront.earnings.models import LedgerTransaction
from storefront.extensions import db
from tests.factories import make_maker, make_sold_order


@pytest.fixture
def shop(app):
    """Siti (10% fee) and Rina (5%); hand-computed:

    order 1: Siti 150.000 x 2 (fee 30.000, net 270.000), Rina 45.000 x 1 (fee 2.250, net 42.750)
    order 2: Siti 99.999 x 1 (fee 9.999 rounded down, net 90.000), then refunded in full
    order 3: Siti 80.000 x 1 (net 72.000), posted three months ago
    payout to Siti 100.000 by GoPay.
    Siti: earned all time 270.000 + 72.000 = 342.000; this month 270.000; paid 100.000;
    owed 242.000."""
    siti = make_maker(with_user=True, full_name="Siti Aminah")
    rina = make_maker(with_user=True, full_name="Rina Wati", fee_bps=500)
    first = make_sold_order(
        [(siti, 150_000, 2, "Tas Pasar"), (rina, 45_000, 1, "Dompet")], shipping_idr=20_000
    )
    second = make_sold_order([(siti, 99_999, 1, "Tas Laptop")])
    services.record_refund(second, 99_999, "re_second")
    old = make_sold_order([(siti, 80_000, 1, "Tas Lama")], record=False)
    _post_old_sale(old, siti, datetime.now(UTC) - timedelta(days=95))
    db.session.commit()
    services.record_payout(
        siti, 100_000, paid_on=date.today(), method="ewallet", provider="GoPay", reference="GP-778"
    )
    return {"siti": siti, "rina": rina, "first": first, "second": second}


def _post_old_sale(order, maker, when):
    """A sale posted at a chosen time (the services always post 'now')."""
    tx = LedgerTransaction(
        reference=f"sale:{order.id}", kind="sale", order_id=order.id, created_at=when
    )
    line = order.lines[0]
    tx.add("customer_payments", -80_000)
    tx.add(f"maker:{maker.id}", 72_000, maker_id=maker.id, order_line_id=line.id)
    tx.add("platform_fees", 8_000, maker_id=maker.id, order_line_id=line.id)
    db.session.add(tx)


def _stat(html: str, name: str) -> str:
    return re.search(rf'id="stat-{name}">[^<]*<strong>([^<]+)</strong>', html).group(1)


def test_dashboard_shows_balance_owed(client, login_as, shop):
    login_as(shop["siti"].user)
    assert _stat(client.get("/maker/").text, "balance") == "Rp242.000"


def test_dashboard_shows_earned_this_month(client, login_as, shop):
    login_as(shop["siti"].user)
    assert _stat(client.get("/maker/").text, "month") == "Rp270.000"


def test_dashboard_shows_earned_in_total(client, login_as, shop):
    login_as(shop["siti"].user)
    assert _stat(client.get("/maker/").text, "all") == "Rp342.000"


def test_dashboard_shows_paid_out(client, login_as, shop):
    login_as(shop["siti"].user)
    assert _stat(client.get("/maker/").text, "paid") == "Rp100.000"


def test_dashboard_lists_each_sale_with_price_fee_and_net(client, login_as, shop):
    login_as(shop["siti"].user)
    html = client.get("/maker/").text
    cards = re.findall(r'<li class="money-card sale-row">(.*?)</li>', html, re.S)
    figures = [re.findall(r"<(?:p class=\"money-card-title\"|strong|dd)>([^<]*)", c) for c in cards]
    # Product, net to her (large, first, so it shows on a phone), quantity, price, fee, date
    pasar = next(f for f in figures if f[0].strip() == "Tas Pasar")
    assert pasar[1:5] == ["Rp270.000", "2", "Rp150.000", "Rp30.000"]
    laptop = next(f for f in figures if f[0].strip() == "Tas Laptop")
    assert laptop[1:5] == ["Rp90.000", "1", "Rp99.999", "Rp9.999"]


def test_dashboard_sales_are_cards_not_a_wide_table(client, login_as, shop):
    login_as(shop["siti"].user)
    html = client.get("/maker/").text
    assert '<table class="sales">' not in html and '<table class="payouts">' not in html
    assert html.count('class="money-card sale-row') == 4  # three sales and a refund


def test_dashboard_chart_writes_each_months_figure_on_its_bar(client, login_as, shop):
    login_as(shop["siti"].user)
    figures = re.findall(
        r'<text class="bar-figure"[^>]*>([^<]+)</text>', client.get("/maker/").text
    )
    assert figures == ["72\xa0rb", "270\xa0rb"]  # Tas Lama three months ago; this month's net


def test_dashboard_shows_refunds_as_negative_rows(client, login_as, shop):
    login_as(shop["siti"].user)
    html = client.get("/maker/").text
    assert "-Rp90.000" in html and "-Rp9.999" in html


def test_dashboard_lists_her_payouts(client, login_as, shop):
    login_as(shop["siti"].user)
    rows = re.findall(
        r'<li class="money-card payout-row">(.*?)</li>', client.get("/maker/").text, re.S
    )
    assert len(rows) == 1
    assert "GoPay" in rows[0] and "GP-778" in rows[0] and "Rp100.000" in rows[0]


def test_dashboard_puts_paid_unfulfilled_items_at_the_top(client, login_as, shop):
    login_as(shop["siti"].user)
    html = client.get("/maker/").text
    to_make = html[html.index('id="to-make"') : html.index('id="money"')]
    assert "2 × Tas Pasar" in to_make
    assert shop["first"].number in to_make
    assert "Tas Laptop" in to_make  # still 'paid': the refund was partial in status terms


def test_dashboard_chart_has_a_bar_and_a_table_row_per_month(client, login_as, shop):
    login_as(shop["siti"].user)
    html = client.get("/maker/").text
    assert html.count("<rect ") == 12
    table = html[html.index('<table class="visually-hidden">') :]
    table = table[: table.index("</table>")]
    assert table.count('<th scope="row">') == 12
    assert "Rp270.000" in table and "Rp72.000" in table


def test_dashboard_has_no_inline_style_attributes(client, login_as, shop):
    login_as(shop["siti"].user)
    assert "style=" not in client.get("/maker/").text


def test_maker_sees_only_her_own_sales(client, login_as, shop):
    login_as(shop["rina"].user)
    html = client.get("/maker/").text
    assert "Dompet" in html
    assert "Tas Pasar" not in html and "Tas Laptop" not in html
    assert _stat(html, "balance") == "Rp42.750"


def test_statement_csv_lists_every_posting_with_a_running_balance(client, login_as, shop):
    login_as(shop["siti"].user)
    response = client.get("/maker/statement.csv", headers={"Accept-Language": "en"})
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.text)))
    fee, net = "Shop fee (Rp)", "For me (Rp)"
    assert [(r["Type"], r["Product"], r[fee], r[net]) for r in rows] == [
        ("sale", "Tas Lama", "8000", "72000"),
        ("sale", "Tas Pasar", "30000", "270000"),
        ("sale", "Tas Laptop", "9999", "90000"),
        ("refund", "Tas Laptop", "-9999", "-90000"),
        ("payment to me", "", "0", "-100000"),
    ]
    balance = "Balance owed to me (Rp)"
    assert [r[balance] for r in rows] == ["72000", "342000", "432000", "342000", "242000"]
    assert rows[-1]["Reference"] == "GP-778"


def test_statement_csv_headers_are_in_her_language(client, login_as, shop):
    login_as(shop["siti"].user)
    header, first, *_ = csv.reader(io.StringIO(client.get("/maker/statement.csv").text))
    assert header[:4] == ["Tanggal", "Jenis", "Pesanan", "Produk"]
    assert "Untuk saya (Rp)" in header
    assert not any("_" in title for title in header)  # no snake_case machine names
    assert first[1] == "penjualan"


def test_statement_csv_leaves_out_other_makers(client, login_as, shop):
    login_as(shop["siti"].user)
    assert "Dompet" not in client.get("/maker/statement.csv").text


def test_statement_csv_of_another_maker_is_404(client, login_as, shop):
    login_as(shop["siti"].user)
    assert client.get(f"/maker/statement.csv?maker={shop['rina'].id}").status_code == 404


def test_statement_csv_neutralises_spreadsheet_formulas(client, login_as, app):
    maker = make_maker(with_user=True)
    make_sold_order([(maker, 10_000, 1, '=HYPERLINK("x")')])
    login_as(maker.user)
    assert "'=HYPERLINK" in client.get("/maker/statement.csv").text


@pytest.mark.parametrize("url", ["/maker/", "/maker/statement.csv"])
def test_customers_cannot_open_the_maker_pages(client, login_as, app, url):
    from tests.factories import make_user

    login_as(make_user())
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", ["/maker/", "/maker/statement.csv"])
def test_anonymous_visitors_are_sent_to_sign_in(client, app, url):
    assert client.get(url).status_code in (302, 401)
