"""Admin navigation badge for the review queue, and the page of flagged payment events."""

from storefront.audit import AuditEntry
from storefront.auth.models import Role
from storefront.catalog.models import ListingStatus
from storefront.extensions import db
from storefront.payments.models import PaymentEvent
from tests.conftest import login
from tests.factories import make_product, make_user

EN = {"Accept-Language": "en"}


def test_admins_see_how_many_listings_wait_for_review_on_every_page(client):
    make_product(status=ListingStatus.PENDING)
    make_product(status=ListingStatus.PENDING)
    make_product(status=ListingStatus.LIVE)
    login(client, make_user(Role.ADMIN))
    html = client.get("/products", headers=EN).get_data(as_text=True)
    assert 'id="nav-review-count"' in html
    assert "2 listings waiting for review" in html


def test_no_badge_when_nothing_waits(client):
    login(client, make_user(Role.ADMIN))
    assert 'id="nav-review-count"' not in client.get("/").get_data(as_text=True)


def test_flagged_payment_events_are_listed_for_admins(client):
    db.session.add_all(
        [
            PaymentEvent(event_id="evt_ok", type="payment_intent.succeeded", flag=""),
            PaymentEvent(
                event_id="evt_bad",
                type="payment_intent.succeeded",
                reference="pi_123",
                flag="amount 999 is not the order total 150000",
            ),
        ]
    )
    db.session.commit()
    login(client, make_user(Role.ADMIN))
    home = client.get("/admin/", headers=EN).get_data(as_text=True)
    assert 'id="flagged-count" aria-label="1 to check">1<' in home
    html = client.get("/admin/payments/flagged", headers=EN).get_data(as_text=True)
    assert "evt_bad" in html and "amount 999 is not the order total" in html
    assert "evt_ok" not in html


def test_flagged_events_page_number_is_checked(client):
    login(client, make_user(Role.ADMIN))
    assert client.get("/admin/payments/flagged?page=abc").status_code == 400
    assert client.get(f"/admin/payments/flagged?page={10**30}").status_code == 404


def test_admin_orders_cursor_is_checked(client):
    # Keyset pages (?after=<created_at>~<id>): a garbled or huge cursor is the first page.
    login(client, make_user(Role.ADMIN))
    assert client.get("/admin/orders/?after=abc").status_code == 200
    assert client.get(f"/admin/orders/?after=2026-01-01~{10**30}").status_code == 200
    assert client.get("/admin/orders/?page=2").status_code == 200  # the old parameter: ignored


def test_refund_quantity_in_other_scripts_is_400_and_refunds_nothing(client):
    from storefront.earnings.services import refunded_idr
    from tests.factories import make_maker, make_sold_order

    order = make_sold_order([(make_maker(), 50_000, 1)])
    login(client, make_user(Role.ADMIN))
    response = client.post(
        f"/admin/orders/{order.id}/refund", data={"confirmed": "1", f"qty-{order.lines[0].id}": "²"}
    )
    assert response.status_code == 400
    assert refunded_idr(order) == 0


def test_admin_hides_a_maker_and_her_products_then_shows_them_again(client):
    from tests.factories import make_maker

    maker = make_maker(slug="rina", full_name="Rina Wati", with_user=True)
    make_product(maker, slug="tas-rina")
    login(client, make_user(Role.ADMIN))
    assert 'id="maker-hide"' in client.get(f"/admin/users/{maker.user_id}").get_data(as_text=True)
    assert (
        client.post(f"/admin/makers/{maker.id}/visibility", data={"choice": "hide"}).status_code
        == 302
    )
    assert client.get("/makers/rina").status_code == 404
    assert client.get("/products/tas-rina").status_code == 404
    assert (
        client.post(f"/admin/makers/{maker.id}/visibility", data={"choice": "show"}).status_code
        == 302
    )
    assert client.get("/products/tas-rina").status_code == 200
    actions = [e.action for e in db.session.scalars(db.select(AuditEntry))]
    assert actions == ["maker.hidden", "maker.shown"]


def test_makers_cannot_hide_other_makers(client):
    from tests.factories import make_maker

    maker, other = make_maker(with_user=True), make_maker()
    login(client, maker.user)
    assert (
        client.post(f"/admin/makers/{other.id}/visibility", data={"choice": "hide"}).status_code
        == 403
    )
    db.session.refresh(other)
    assert other.is_listed is True
