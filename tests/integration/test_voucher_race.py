"""Buyers race for a voucher code's one use left through a served app: exactly one order gets the
discount; the others are told the code is used up and keep their carts."""

from storefront.cart.models import CartLine
from storefront.extensions import db
from storefront.orders.models import Order
from storefront.vouchers.models import Voucher, VoucherRedemption
from tests.factories import make_product, make_voucher
from tests.races import race_to_checkout, winners_and_losers

BUYERS = 8


def test_buyers_racing_for_the_last_use_of_a_code_get_one_discount(app):
    product = make_product(stock=BUYERS, price_idr=100_000)
    product_id = product.id
    make_voucher("LASTONE", percent=50, max_uses=3, used_count=2)
    results = race_to_checkout(
        app,
        BUYERS,
        {"product_id": product_id, "quantity": "1"},
        lambda i: {
            "email": f"buyer{i}@example.com",
            "voucher_code": "lastone",
            "idempotency_key": f"voucher-buyer-{i:02d}-0123456789",
        },
    )

    winners, losers = winners_and_losers(results)
    assert len(winners) == 1, [r.status_code for r in results]
    assert len(losers) == BUYERS - 1
    assert all("used up" in r.text for r in losers)
    db.session.expire_all()
    orders = db.session.scalars(db.select(Order)).all()
    assert [(o.discount_idr, o.total_idr) for o in orders] == [(50_000, 50_000 + 15_000)]
    assert db.session.scalar(db.select(Voucher.used_count)) == 3
    assert db.session.scalar(db.select(db.func.count(VoucherRedemption.id))) == 1
    assert db.session.scalar(db.select(db.func.count(CartLine.id))) == BUYERS - 1
