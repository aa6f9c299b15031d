"""A maker's earnings in a period and the platform's fee income are single aggregate queries."""

from datetime import timedelta

from storefront.database import utcnow
from storefront.earnings.services import earnings_in_period, platform_fee_income, record_refund
from tests.factories import make_maker, make_sold_order


def test_earnings_in_a_period_net_of_refunds_and_the_fee_income(count_queries):
    siti = make_maker()
    order = make_sold_order([(siti, 100_000, 2)])  # 200.000: 180.000 hers, 20.000 fee
    record_refund(order, 50_000, "re_1")  # 45.000 of hers and 5.000 of fee back
    from storefront.extensions import db

    db.session.commit()
    now, siti_id = utcnow(), siti.id
    with count_queries() as counter:
        assert earnings_in_period(siti_id, now - timedelta(days=1), now + timedelta(days=1)) == (
            135_000
        )
    assert counter.count == 1
    assert earnings_in_period(siti.id, now - timedelta(days=30), now - timedelta(days=2)) == 0
    assert platform_fee_income() == 15_000
