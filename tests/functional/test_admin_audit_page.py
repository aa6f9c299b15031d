"""The audit log reads in words in the admin's language, and bad page numbers never give a 500."""

import pytest

from storefront.catalog.models import ListingStatus as L
from storefront.listings import services
from tests.factories import make_maker, make_product, make_user


@pytest.fixture
def admin(login_as):
    user = make_user("admin")
    login_as(user)
    return user


@pytest.mark.parametrize(
    ("page", "status"),
    [("10" + "0" * 29, 404), ("9223372036854775807", 404), ("abc", 400), ("0", 400), ("-1", 400)],
)
def test_bad_audit_page_number_is_a_4xx(client, admin, page, status):
    assert client.get(f"/admin/audit?page={page}").status_code == status


def test_audit_status_change_is_shown_with_status_labels_in_indonesian(client, admin):
    maker = make_maker(with_user=True)
    product = make_product(maker, status=L.DRAFT)
    services.submit_for_review(product, actor_id=maker.user_id)
    client.set_cookie("lang", "id")
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "Status sebelumnya: Draf; Status sesudahnya: Menunggu diperiksa" in page
    assert "from:" not in page


def test_audit_price_fix_names_the_field_in_words(client, admin):
    product = make_product(make_maker(with_user=True), price_idr=15_000)
    services.admin_edit(
        product, admin_id=admin.id, category_id=product.category_id, price_idr=150_000
    )
    client.set_cookie("lang", "en")
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "Price in rupiah: 15000 → 150000" in page
    assert "price_idr" not in page
