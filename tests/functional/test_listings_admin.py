"""Admin side: review queue, approve, reject, revisions, unpublish, typo fixes, audit, notices."""

from datetime import timedelta
from pathlib import Path

import pytest

from storefront.audit import AuditEntry
from storefront.catalog.models import ListingStatus as L
from storefront.catalog.models import Product
from storefront.database import utcnow
from storefront.extensions import db
from storefront.listings import services
from storefront.listings.models import ProductRevision, RevisionStatus
from tests.factories import (
    listing_form,
    make_category,
    make_maker,
    make_product,
    make_user,
)


@pytest.fixture
def admin(login_as):
    user = make_user("admin", name="Admin Rina")
    login_as(user)
    return user


def pending_product(**fields) -> Product:
    """A listing a maker has sent for review (through the service, so it is audited)."""
    maker = fields.pop("maker", None) or make_maker(with_user=True)
    product = make_product(maker, status=L.DRAFT, **fields)
    services.submit_for_review(product, actor_id=maker.user_id)
    return product


def revised_product(title="Tas Revisi") -> Product:
    """A live listing with a pending revision changing its title and price."""
    product = make_product(make_maker(with_user=True), title_id="Tas Asli", price_idr=100_000)
    data = listing_form(product.category)
    values = {name: getattr(product, name) for name in services.CONTENT_FIELDS}
    values.update(
        title_id=title,
        price_idr=120_000,
        stock=product.stock,
        is_made_to_order=False,
        lead_time_days=None,
    )
    services.update_listing(product, values, [], submit=True, actor_id=product.maker.user_id)
    assert data  # the same valid fields the maker's form posts
    return product


def fresh(product) -> Product:
    return db.session.get(Product, product.id)


def test_queue_lists_waiting_items_oldest_first(client, admin):
    newer = pending_product(title_id="Tas Kedua")
    older = pending_product(title_id="Tas Pertama")
    entry = db.session.scalars(
        db.select(AuditEntry).where(
            AuditEntry.target_id == older.id, AuditEntry.action == "listing.submit"
        )
    ).one()
    entry.created_at = utcnow() - timedelta(days=2)
    db.session.commit()
    page = client.get("/admin/listings/").get_data(as_text=True)
    assert page.index("Tas Pertama") < page.index("Tas Kedua")
    assert newer.id != older.id


def test_queue_includes_revisions_of_live_listings(client, admin):
    revised_product()
    assert "Tas Asli" in client.get("/admin/listings/").get_data(as_text=True)


def test_admin_home_shows_the_queue_count(client, admin):
    pending_product()
    pending_product()
    revised_product()
    page = client.get("/admin/").get_data(as_text=True)
    assert '<span class="nav-count"' in page and ">3</span>" in page


def test_review_page_previews_the_listing_as_customers_see_it(client, admin):
    product = pending_product(title_id="Tas Pratinjau", price_idr=175_000)
    page = client.get(f"/admin/listings/{product.id}").get_data(as_text=True)
    assert "Tas Pratinjau" in page and "Rp175.000" in page and "-400.webp" in page


def test_review_page_shows_a_side_by_side_of_a_revision(client, admin):
    product = revised_product(title="Tas Judul Baru")
    page = client.get(f"/admin/listings/{product.id}").get_data(as_text=True)
    diff = page.split('class="diff"')[1].split("</table>")[0]
    assert "Tas Asli" in diff and "Tas Judul Baru" in diff
    assert "Rp100.000" in diff and "Rp120.000" in diff


def test_approving_makes_the_listing_live_and_public(client, admin):
    product = pending_product(title_id="Tas Disetujui")
    response = client.post(f"/admin/listings/{product.id}/approve")
    assert response.status_code == 302
    assert fresh(product).status == L.LIVE
    assert client.get(f"/products/{product.slug}").status_code == 200


def test_pending_listing_is_not_public(client, admin):
    product = pending_product()
    assert client.get(f"/products/{product.slug}").status_code == 404


def test_rejecting_needs_a_reason(client, admin):
    product = pending_product()
    response = client.post(f"/admin/listings/{product.id}/reject", data={"reason": "  "})
    assert response.status_code == 400
    assert fresh(product).status == L.PENDING


def test_rejection_reason_is_shown_to_the_maker(client, admin, login_as):
    product = pending_product()
    client.post(f"/admin/listings/{product.id}/reject", data={"reason": "Foto terlalu gelap"})
    assert fresh(product).status == L.REJECTED
    login_as(product.maker.user)
    assert "Foto terlalu gelap" in client.get("/maker/listings/").get_data(as_text=True)


def test_approving_a_revision_swaps_it_in(client, admin):
    product = revised_product(title="Tas Versi Dua")
    client.post(f"/admin/listings/{product.id}/approve")
    product = fresh(product)
    revision = db.session.scalars(db.select(ProductRevision)).one()
    assert (product.status, product.title_id, product.price_idr) == (
        L.LIVE,
        "Tas Versi Dua",
        120_000,
    )
    assert revision.status == RevisionStatus.APPROVED
    assert "Tas Versi Dua" in client.get(f"/products/{product.slug}").get_data(as_text=True)


def test_public_keeps_the_approved_version_while_a_revision_waits(client, admin):
    product = revised_product(title="Tas Belum Disetujui")
    page = client.get(f"/products/{product.slug}").get_data(as_text=True)
    assert "Tas Asli" in page and "Tas Belum Disetujui" not in page


def test_approving_a_revision_with_new_photos_replaces_them(client, admin, login_as):
    import io

    from tests.factories import photo_bytes

    product = make_product(make_maker(with_user=True), photos=2)
    login_as(product.maker.user)
    data = listing_form(product.category, title_id=product.title_id, submit_review="1")
    data["photos"] = [(io.BytesIO(photo_bytes()), "new.jpg")]
    data["remove_photos"] = [photo.key for photo in product.photos]
    client.post(f"/maker/listings/{product.id}/edit", data=data, content_type="multipart/form-data")
    assert len(fresh(product).photos) == 2
    login_as(admin)
    client.post(f"/admin/listings/{product.id}/approve")
    assert len(fresh(product).photos) == 1


def test_rejecting_a_revision_keeps_the_listing_live(client, admin):
    product = revised_product()
    client.post(f"/admin/listings/{product.id}/reject", data={"reason": "Harga tidak masuk akal"})
    revision = db.session.scalars(db.select(ProductRevision)).one()
    assert (fresh(product).status, fresh(product).title_id) == (L.LIVE, "Tas Asli")
    assert (revision.status, revision.reason) == (RevisionStatus.REJECTED, "Harga tidak masuk akal")


def test_approving_with_nothing_waiting_is_a_conflict(client, admin):
    product = make_product(status=L.DRAFT)
    assert client.post(f"/admin/listings/{product.id}/approve").status_code == 409
    assert fresh(product).status == L.DRAFT


def test_unpublishing_needs_a_reason(client, admin):
    product = make_product(status=L.LIVE)
    response = client.post(f"/admin/listings/{product.id}/unpublish", data={"reason": ""})
    assert response.status_code == 400
    assert fresh(product).status == L.LIVE


def test_unpublishing_takes_a_live_listing_out_of_the_shop(client, admin):
    product = make_product(make_maker(with_user=True), status=L.LIVE)
    client.post(f"/admin/listings/{product.id}/unpublish", data={"reason": "Foto milik orang lain"})
    assert fresh(product).status == L.REJECTED
    assert client.get(f"/products/{product.slug}").status_code == 404


def test_admin_fixes_a_price_typo_and_it_is_audited(client, admin):
    product = make_product(status=L.LIVE, price_idr=15_000)
    new_category = make_category()
    client.post(
        f"/admin/listings/{product.id}/edit",
        data={"category_id": str(new_category.id), "price": "150000"},
    )
    entry = db.session.scalars(
        db.select(AuditEntry).where(AuditEntry.action == "listing.admin_edit")
    ).one()
    assert (fresh(product).price_idr, fresh(product).category_id) == (150_000, new_category.id)
    assert entry.actor_id == admin.id and entry.details["price_idr"] == [15_000, 150_000]


@pytest.mark.parametrize("price", ["0", "999", "abc", "100000001"])
def test_admin_price_fix_is_validated(client, admin, price):
    product = make_product(status=L.LIVE, price_idr=15_000)
    response = client.post(
        f"/admin/listings/{product.id}/edit",
        data={"category_id": str(product.category_id), "price": price},
    )
    assert response.status_code == 400
    assert fresh(product).price_idr == 15_000


def test_every_decision_is_an_audit_row_admins_can_browse(client, admin):
    product = pending_product(title_id="Tas Audit")
    client.post(f"/admin/listings/{product.id}/reject", data={"reason": "Kurang jelas"})
    actions = db.session.scalars(
        db.select(AuditEntry.action).where(AuditEntry.actor_id == admin.id)
    ).all()
    page = client.get("/admin/audit").get_data(as_text=True)
    assert actions == ["listing.reject"]
    assert "Kurang jelas" in page and "Admin Rina" in page


def test_maker_with_email_is_told_of_the_decision(app, client, admin):
    mail_dir = Path(app.config["MAIL_DIR"])
    before = set(mail_dir.glob("*.eml")) if mail_dir.exists() else set()
    product = pending_product()
    client.post(f"/admin/listings/{product.id}/approve")
    new = set(mail_dir.glob("*.eml")) - before
    assert len(new) == 1
    assert product.maker.user.email in new.pop().read_text()


def test_admin_gets_a_whatsapp_link_after_a_decision(client, admin):
    maker_user = make_user("maker", phone="+6281234567890")
    product = pending_product(maker=make_maker(user=maker_user))
    response = client.post(f"/admin/listings/{product.id}/reject", data={"reason": "Kurang jelas"})
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "https://wa.me/6281234567890?text=" in page and "Kurang%20jelas" in page


ADMIN_URLS = [
    ("get", "/admin/listings/"),
    ("get", "/admin/listings/{id}"),
    ("post", "/admin/listings/{id}/approve"),
    ("post", "/admin/listings/{id}/reject"),
    ("post", "/admin/listings/{id}/unpublish"),
    ("post", "/admin/listings/{id}/edit"),
    ("get", "/admin/audit"),
]


@pytest.mark.parametrize("role", ["maker", "customer", "sponsor"])
@pytest.mark.parametrize(("method", "url"), ADMIN_URLS)
def test_only_admins_reach_the_review_pages(client, login_as, role, method, url):
    product = pending_product()
    login_as(make_user(role))
    response = getattr(client, method)(url.format(id=product.id), data={"reason": "x"})
    assert response.status_code == 403
    assert fresh(product).status == L.PENDING


def test_unknown_listing_is_not_found_for_admins(client, admin):
    assert client.get("/admin/listings/999999").status_code == 404
