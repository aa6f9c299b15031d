"""Admins give a maker her own platform fee; the price breakdown and the next sale use it."""

import pytest

from storefront.audit import AuditEntry
from storefront.auth.models import Role
from storefront.earnings.services import maker_balance
from storefront.extensions import db
from storefront.makers.forms import percent_to_bps
from tests.conftest import login
from tests.factories import make_maker, make_product, make_sold_order, make_user

EN = {"Accept-Language": "en"}


@pytest.mark.parametrize(
    ("text", "bps"),
    [("10", 1000), ("7,5", 750), ("7.5", 750), ("0", 0), ("12.25%", 1225), (" 5 ", 500)],
)
def test_percent_to_bps_reads_what_admins_type(text, bps):
    assert percent_to_bps(text) == bps


@pytest.mark.parametrize("text", ["", "abc", "-5", "1e2", "7.555", "٣", "10.5.1"])
def test_percent_to_bps_refuses_anything_else(text):
    assert percent_to_bps(text) is None


def test_admin_sets_a_fee_that_the_breakdown_and_the_next_sale_use(client):
    maker = make_maker(slug="dewi", full_name="Dewi Lestari")
    make_product(maker, slug="tas-dewi", price_idr=80_000)
    admin = make_user(Role.ADMIN)
    login(client, admin)
    response = client.post(f"/admin/makers/{maker.id}/fee", data={"fee_percent": "5"})
    assert response.status_code == 302
    db.session.refresh(maker)
    assert maker.fee_bps == 500
    html = client.get("/products/tas-dewi", headers=EN).get_data(as_text=True)
    assert "Rp76.000 goes to Dewi" in html
    make_sold_order([(maker, 80_000, 1)])
    assert maker_balance(maker.id) == 76_000
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "maker.fee"))
    assert entry.actor_id == admin.id and entry.details == {"fee_bps": [None, 500]}
    assert "fee changed" in client.get("/admin/audit", headers=EN).get_data(as_text=True)


def test_back_to_the_standard_fee(client):
    maker = make_maker(fee_bps=500)
    login(client, make_user(Role.ADMIN))
    response = client.post(f"/admin/makers/{maker.id}/fee", data={"uses_default": "y"})
    assert response.status_code == 302
    db.session.refresh(maker)
    assert maker.fee_bps is None


@pytest.mark.parametrize("value", ["abc", "60", "-1", "1e3"])
def test_bad_fee_is_400_and_changes_nothing(client, value):
    maker = make_maker(fee_bps=800)
    login(client, make_user(Role.ADMIN))
    response = client.post(f"/admin/makers/{maker.id}/fee", data={"fee_percent": value}, headers=EN)
    assert response.status_code == 400
    db.session.refresh(maker)
    assert maker.fee_bps == 800


@pytest.mark.parametrize("role", [Role.MAKER, Role.CUSTOMER, Role.SPONSOR])
def test_only_admins_set_fees(client, role):
    maker = make_maker(with_user=True)
    login(client, make_user(role))
    assert (
        client.post(f"/admin/makers/{maker.id}/fee", data={"fee_percent": "0"}).status_code == 403
    )
    db.session.refresh(maker)
    assert maker.fee_bps is None
