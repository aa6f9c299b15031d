"""Every edit form of the shop round-trips what it does not change: GET the form, submit exactly
what a browser would send for the page as rendered, and the object is unchanged.

(A listing edit form that never marked the product's category as selected moved a bag changed
only in price to the first category.) A new edit form belongs in EDIT_FORMS."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlalchemy import inspect
from werkzeug.datastructures import MultiDict

from storefront.auth.models import Role
from storefront.catalog.models import ListingStatus, Product
from storefront.extensions import db
from storefront.listings.models import CONTENT_FIELDS
from storefront.listings.queries import pending_revision
from storefront.makers.models import Maker
from tests.conftest import login
from tests.factories import make_category, make_maker, make_product, make_user
from tests.html_forms import form_posting_to

IGNORED = {"updated_at", "created_at"}


def _columns(obj) -> dict:
    db.session.refresh(obj)
    return {
        c.key: getattr(obj, c.key) for c in inspect(obj).mapper.column_attrs if c.key not in IGNORED
    }


def _listing_as_shown(product: Product) -> dict:
    """The product's values, with a pending revision's proposal over them (what goes live)."""
    values = _columns(product)
    revision = pending_revision(product)
    if revision is not None:
        values.update(
            {name: revision.data[name] for name in CONTENT_FIELDS if name in revision.data}
        )
    return values


@dataclass
class Case:
    endpoint: str  # the view that saves the form
    role: str  # who edits: "maker" (her own) or "admin"
    page: Callable[[Product], str]
    action: Callable[[Product], str] | None  # None: the form posts to its page
    snapshot: Callable[[Product], dict]
    status: str = ListingStatus.DRAFT
    button: str | None = None  # the submit button pressed (default: the form's first)


def _maker_of(product: Product) -> dict:
    return _columns(db.session.get(Maker, product.maker_id))


EDIT_FORMS = {
    "maker listing (draft)": Case(
        "maker_dashboard.listing_edit",
        "maker",
        lambda p: f"/maker/listings/{p.id}/edit",
        None,
        _listing_as_shown,
        button="save_draft",
    ),
    "maker listing (live, becomes a revision)": Case(
        "maker_dashboard.listing_edit",
        "maker",
        lambda p: f"/maker/listings/{p.id}/edit",
        None,
        _listing_as_shown,
        ListingStatus.LIVE,
    ),
    "admin listing fix": Case(
        "admin.listing_edit",
        "admin",
        lambda p: f"/admin/listings/{p.id}",
        lambda p: f"/admin/listings/{p.id}/edit",
        _listing_as_shown,
        ListingStatus.LIVE,
    ),
    "maker privacy": Case(
        "maker_dashboard.privacy_edit", "maker", lambda p: "/maker/privacy", None, _maker_of
    ),
    "admin maker privacy": Case(
        "admin.maker_privacy_edit",
        "admin",
        lambda p: f"/admin/makers/{p.maker_id}/privacy",
        None,
        _maker_of,
    ),
    "maker profile (story, portrait)": Case(
        "maker_dashboard.profile_edit", "maker", lambda p: "/maker/profile", None, _maker_of
    ),
    "admin maker profile": Case(
        "admin.maker_profile",
        "admin",
        lambda p: f"/admin/makers/{p.maker_id}/profile",
        None,
        _maker_of,
    ),
    "admin maker fee": Case(
        "admin.maker_fee_edit",
        "admin",
        lambda p: f"/admin/makers/{p.maker_id}/fee",
        None,
        _maker_of,
    ),
}


@pytest.fixture
def listing():
    """A listing whose every field differs from a form's defaults: not the first category, not the
    first of anything, made to order, with English texts and a chosen name and her own fee."""
    make_category(name_id="Tas Jinjing", position=0)
    shoulder = make_category(name_id="Tas Bahu", position=1)
    make_category(name_id="Dompet", position=2)
    user = make_user(Role.MAKER, name="Siti Rahayu")
    maker = make_maker(
        slug="mawar",
        user=user,
        full_name="Siti Rahayu",
        chosen_name="Mawar",
        uses_chosen_name=True,
        shows_portrait=False,
        shows_sales_count=False,
        shares_income=True,
        fee_bps=750,
    )
    return maker, shoulder


@pytest.mark.parametrize("name", list(EDIT_FORMS))
def test_an_unchanged_edit_form_changes_nothing(client, listing, name):
    case = EDIT_FORMS[name]
    maker, category = listing
    product = make_product(
        maker,
        category,
        status=case.status,
        is_made_to_order=True,
        lead_time_days=12,
        stock=0,
        materials_id="Bungkus kopi",
        materials_en="Coffee sachets",
        care_id="Lap basah",
        care_en="Wipe clean",
        plastic_grams=340,
    )
    login(client, maker.user if case.role == "maker" else make_user(Role.ADMIN))
    before = case.snapshot(product)
    page_url = case.page(product)
    page = client.get(page_url)
    assert page.status_code == 200
    action = case.action(product) if case.action else page_url
    form = form_posting_to(page.get_data(as_text=True), action, page_url)
    response = client.post(action, data=MultiDict(form.submitted_with(case.button)))
    assert response.status_code in (302, 303), response.get_data(as_text=True)[:3000]
    db.session.expire_all()
    assert case.snapshot(db.session.get(Product, product.id)) == before


# Forms that create something or are not about a saved object: nothing to round-trip.
NOT_EDIT_FORMS = {
    "auth.login",
    "auth.register",
    "auth.password_forgot",
    "auth.password_reset",
    "auth.invite",
    "checkout.checkout",
    "maker_dashboard.listing_new",
    "admin.payout_new",
    "admin.maker_new",
    "reviews.review_new",  # a new review
    "stock_alerts.alert_confirm",  # one-click confirmation and unsubscribe links
    "stock_alerts.alert_unsubscribe",
    # Lists with forms of their own that add or act on rows, not one saved object's edit form:
    "admin.vouchers",  # the voucher list and the form that creates a voucher
    "admin.currencies",  # the rate table: each row's form sets that one rate
    "maker_dashboard.making_list",  # "made" buttons on the pieces to make
    "maker_dashboard.listing_variants",  # add an option; each option's stock has its own form
    "admin.page_edit",  # a content page starts from default text: its first save stores it
}


def test_every_edit_form_is_in_the_round_trip_table(app):
    """A view that shows and saves a form (GET and POST), or one named *_edit, is an edit form
    unless listed in NOT_EDIT_FORMS: a new one cannot ship without its round-trip case."""
    covered = {case.endpoint for case in EDIT_FORMS.values()}
    forms = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if {"GET", "POST"} <= rule.methods or ("POST" in rule.methods and "_edit" in rule.endpoint)
    }
    assert forms - NOT_EDIT_FORMS - covered == set()
