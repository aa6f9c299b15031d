"""The running monthly totals (earnings.month_totals): posted with each ledger transaction, they
always equal what the ledger itself says, month by month, and the impact figures read from them
agree with the ledger for any period, whole months or not."""

import csv
import io
import threading
from datetime import UTC, datetime

import requests
from flask_migrate import downgrade, upgrade
from sqlalchemy import select

from storefront.auth.models import Role
from storefront.earnings import month_totals
from storefront.earnings.models import LedgerMonth, MakerMonth
from storefront.earnings.services import record_payout, record_refund, record_sale
from storefront.extensions import db
from storefront.impact import queries
from storefront.money import fee_split
from tests.conftest import login
from tests.factories import make_maker, make_sold_order, make_user, place_pickup_order
from tests.races import serve

# 31 January 23:59:59 and 1 February 00:00 in Jakarta (UTC+7).
LAST_SECOND_OF_JANUARY = datetime(2026, 1, 31, 16, 59, 59, tzinfo=UTC)
FIRST_SECOND_OF_FEBRUARY = datetime(2026, 1, 31, 17, 0, 0, tzinfo=UTC)


def _sell(lines, grams, at):
    order = make_sold_order(lines, record=False)
    for line, g in zip(order.lines, grams, strict=True):
        line.plastic_grams = g
    record_sale(order, posted_at=at)
    db.session.commit()
    return order


def _stored():
    makers = {
        (row.maker_id, row.month): (row.income_idr, row.units, row.plastic_grams)
        for row in db.session.scalars(select(MakerMonth))
    }
    months = {
        row.month: tuple(getattr(row, name) for name in month_totals.LEDGER_SUMS)
        for row in db.session.scalars(select(LedgerMonth))
    }
    return makers, {month: values for month, values in months.items() if any(values)}


def _rebuilt():
    month_totals.rebuild()
    db.session.flush()
    rebuilt = _stored()
    db.session.rollback()
    return rebuilt


def test_a_sale_counts_in_the_jakarta_month_it_was_paid_and_a_refund_against_it(app):
    siti = make_maker(fee_bps=1000)
    late = _sell([(siti, 150_000, 2)], [200], LAST_SECOND_OF_JANUARY)
    _sell([(siti, 80_000, 1)], [100], FIRST_SECOND_OF_FEBRUARY)
    # In March, one of January's two bags comes back: January loses it, March gains nothing.
    record_refund(late, 150_000, "re_march", line_amounts={late.lines[0].id: 150_000})
    db.session.commit()

    makers, months = _stored()
    assert makers == {
        (siti.id, "2026-01"): (135_000, 1, 200),  # 2 x 150.000 less 10 %, half refunded
        (siti.id, "2026-02"): (72_000, 1, 100),
    }
    assert months["2026-01"] == (1, 300_000, 0, 30_000, 0)
    assert months["2026-02"] == (1, 80_000, 0, 8_000, 0)
    refund_month = month_totals.month_of(datetime.now(UTC))
    assert months[refund_month][2] == 150_000  # the money went back when it went back
    assert (makers, months) == _rebuilt()


def test_partial_refunds_return_units_as_the_ledger_counts_them(app):
    """A refund of a third of a three-bag line returns one bag; two small refunds that add up to
    a bag return it only when the second one lands (whole units, as the ledger's formula)."""
    dewi = make_maker(fee_bps=500)
    order = _sell([(dewi, 100_000, 3)], [90], FIRST_SECOND_OF_FEBRUARY)
    line = order.lines[0].id
    record_refund(order, 40_000, "re_a", line_amounts={line: 40_000})
    db.session.commit()
    assert _stored()[0][(dewi.id, "2026-02")] == (285_000 - 38_000, 2, 234)
    record_refund(order, 60_000, "re_b", line_amounts={line: 60_000})
    db.session.commit()
    assert _stored()[0][(dewi.id, "2026-02")] == (190_000, 2, 180)
    assert _stored() == _rebuilt()


def test_payouts_and_replays(app):
    rina = make_maker(fee_bps=0)
    order = _sell([(rina, 50_000, 1)], [60], FIRST_SECOND_OF_FEBRUARY)
    assert record_sale(order) is False  # a replayed notification posts nothing, counts nothing
    record_refund(order, 10_000, "re_once")
    assert record_refund(order, 10_000, "re_once") is False
    db.session.commit()
    record_payout(rina, 20_000, paid_on=datetime.now(UTC).date(), method="cash")
    makers, months = _stored()
    assert makers[(rina.id, "2026-02")][0] == 40_000
    assert months["2026-02"][0] == 1
    assert months[month_totals.month_of(datetime.now(UTC))][4] == 20_000
    assert (makers, months) == _rebuilt()


def _ledger_only(monkeypatch):
    """The impact queries computed from the ledger alone, as they were before the totals."""
    monkeypatch.setattr(queries, "span", lambda start, end: queries.Span(None, [(start, end)]))


def test_report_of_a_period_cutting_months_agrees_with_the_ledger(app, client, monkeypatch):
    siti = make_maker(fee_bps=1000, shares_income=True, full_name="Siti Rahayu")
    dewi = make_maker(fee_bps=500, shares_income=True, full_name="Dewi Lestari")
    times = [
        datetime(2025, 12, 20, 3, tzinfo=UTC),
        datetime(2026, 1, 10, 3, tzinfo=UTC),
        LAST_SECOND_OF_JANUARY,
        FIRST_SECOND_OF_FEBRUARY,
        datetime(2026, 2, 27, 3, tzinfo=UTC),
        datetime(2026, 3, 5, 3, tzinfo=UTC),
        datetime(2026, 3, 25, 3, tzinfo=UTC),
    ]
    for n, at in enumerate(times):
        order = _sell([(siti, 100_000 + n, 1), (dewi, 70_000, 2)], [150, 80], at)
        if n % 2:
            record_refund(order, 70_000, f"re_{n}", line_amounts={order.lines[1].id: 70_000})
            db.session.commit()
    login(client, make_user(Role.ADMIN))

    def report(start, end):
        body = client.get(f"/reports.csv?start={start}&end={end}").get_data(as_text=True)
        return list(csv.reader(io.StringIO(body)))

    periods = [
        ("2026-01-15", "2026-03-10"),  # a partial month at each end, February whole
        ("2026-01-01", "2026-02-28"),  # whole months only
        ("2026-02-01", "2026-02-01"),  # one day
        ("2025-12-01", "2026-03-31"),
    ]
    with_totals = [report(*period) for period in periods]
    _ledger_only(monkeypatch)
    assert with_totals == [report(*period) for period in periods]
    # And the figures are the right ones: 15 January to 10 March holds the sales of 31 January,
    # 1 February, 27 February and 5 March; those of 1 February and 5 March lost one Dewi bag.
    figures = dict(row for row in with_totals[0] if len(row) == 2)
    siti_share = sum(fee_split(100_000 + n, 1000)[0] for n in (2, 3, 4, 5))
    dewi_share = 4 * 133_000 - 2 * 66_500
    assert figures["maker_income_idr"] == str(siti_share + dewi_share)
    assert figures["products_sold"] == str(4 + 4 * 2 - 2)


def test_impact_page_agrees_with_the_ledger(app, client, monkeypatch):
    siti = make_maker(fee_bps=1000)
    for n, at in enumerate([LAST_SECOND_OF_JANUARY, FIRST_SECOND_OF_FEBRUARY, None]):
        order = _sell([(siti, 90_000, 2)], [120], at)
        if n == 1:
            record_refund(order, 90_000, "re_one", line_amounts={order.lines[0].id: 90_000})
            db.session.commit()
    now = datetime.now(UTC)
    figures = (queries.totals(now=now), queries.monthly())
    _ledger_only(monkeypatch)
    assert figures == (queries.totals(now=now), queries.monthly())
    assert figures[0].products_sold == 5 and figures[0].maker_income_idr == 5 * 81_000


def test_migration_fills_the_totals_from_the_ledger_as_it_stands(app):
    siti = make_maker(fee_bps=1000)
    order = _sell([(siti, 150_000, 2)], [200], LAST_SECOND_OF_JANUARY)
    _sell([(siti, 80_000, 1)], [100], FIRST_SECOND_OF_FEBRUARY)
    record_refund(order, 150_000, "re_m", line_amounts={order.lines[0].id: 150_000})
    db.session.commit()
    record_payout(siti, 20_000, paid_on=datetime.now(UTC).date(), method="cash")
    posted = _stored()
    db.session.remove()
    try:
        downgrade(revision="0021")  # before the totals: 0022 fills them from the ledger
    finally:
        upgrade(revision="heads")
    assert _stored() == posted


def test_concurrent_payments_of_one_maker_all_count(app):
    """Eight buyers of one maker's bags pay at the same moment, through a served app: the same
    month's row takes all eight sales (one atomic upsert each; on PostgreSQL they queue on the
    row), and the totals still equal the ledger."""
    maker = make_maker(fee_bps=1000)
    orders = [place_pickup_order(10_000 * (n + 1), maker=maker) for n in range(8)]
    tokens = [order.token for order in orders]
    server, thread, base = serve(app)
    start = threading.Barrier(len(tokens))
    answers: list[int] = []
    try:

        def pay(token: str) -> None:
            start.wait()
            response = requests.post(
                f"{base}/pay/{token}/test",
                data={"outcome": "success"},
                allow_redirects=False,
                timeout=60,
            )
            answers.append(response.status_code)

        threads = [threading.Thread(target=pay, args=(token,)) for token in tokens]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        server.shutdown()
        thread.join(timeout=5)
    assert answers == [302] * 8
    db.session.expire_all()
    month = month_totals.month_of(datetime.now(UTC))
    row = db.session.get(MakerMonth, (maker.id, month))
    assert row.income_idr == sum(9_000 * (n + 1) for n in range(8))
    assert row.units == 8
    assert db.session.get(LedgerMonth, month).orders_paid == 8
    assert _stored() == _rebuilt()
