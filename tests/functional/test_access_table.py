"""Every endpoint answers each kind of visitor as this table says.

A new route without a line here fails `test_every_endpoint_has_an_access_rule`: add one line,
`"blueprint.endpoint": "<rule>"`, choosing the rule from RULES (or add a rule if none fits).
Each endpoint is fetched with GET, URL arguments filled with dummy values (ids that do not exist,
tokens that are not valid), as an anonymous visitor, a customer, a maker, an admin and a sponsor.
"""

import pytest
from werkzeug.routing import IntegerConverter

from storefront.auth.models import Role
from tests.conftest import login
from tests.factories import make_maker, make_user

ROLES = ("anon", "customer", "maker", "admin", "sponsor")
LOGIN = "login"  # 302 to the sign-in page
AWAY = "away"  # 302 somewhere else (e.g. a signed-in user on the sign-in page)


def _rule(anon, customer, maker, admin, sponsor):
    return dict(zip(ROLES, (anon, customer, maker, admin, sponsor), strict=True))


RULES = {
    "public": _rule(200, 200, 200, 200, 200),
    "public-item": _rule(404, 404, 404, 404, 404),  # public, but the dummy id/slug does not exist
    "public-redirect": _rule(AWAY, AWAY, AWAY, AWAY, AWAY),  # e.g. checkout with an empty cart
    "anon-only": _rule(200, AWAY, AWAY, AWAY, AWAY),
    "signed-in": _rule(LOGIN, 200, 200, 200, 200),
    "customer": _rule(LOGIN, 200, 403, 403, 403),
    "maker": _rule(LOGIN, 403, 200, 403, 403),
    "maker-item": _rule(LOGIN, 403, 404, 403, 403),  # her own records only: a foreign id is 404
    "admin": _rule(LOGIN, 403, 403, 200, 403),
    "admin-item": _rule(LOGIN, 403, 403, 404, 403),
    "reports": _rule(LOGIN, 403, 403, 200, 200),
    "post-only": _rule(405, 405, 405, 405, 405),
    "token": _rule(400, 400, 400, 400, 400),  # a signed link: the dummy token is refused clearly
}

ACCESS = {
    # site-wide
    "static": "public-item",
    "core.healthz": "public",
    "health.readyz": "public",
    "observability.metrics": "public-item",  # off (404) without METRICS_TOKEN; a token is tested
    "sharing.sitemap": "public",
    "sharing.robots": "public",
    "core.language_set": "post-only",
    "core.currency_set": "public-redirect",
    "media.media_file": "public-item",
    # accounts
    "auth.login": "anon-only",
    "auth.register": "anon-only",
    "auth.logout": "post-only",
    "auth.password_forgot": "public",
    "auth.password_reset": "token",
    "auth.invite": "token",
    "account.home": "signed-in",
    "account.orders": "customer",
    "wishlist.wishlist_view": "customer",
    "wishlist.wishlist_toggle": "post-only",
    # shop
    "catalog.home": "public",
    "catalog.product_list": "public",
    "catalog.product_detail": "public-item",
    "catalog.make_request": "post-only",
    "pages.page_view": "public-item",
    "makers.maker_list": "public",
    "makers.maker_detail": "public-item",
    "cart.cart_view": "public",
    "cart.cart_add": "post-only",
    "cart.cart_update": "post-only",
    "cart.cart_remove": "post-only",
    "checkout.checkout": "public-redirect",
    "orders.order_view": "public-item",
    "reviews.review_new": "public-item",
    "reviews.review_list": "public-item",
    "stock_alerts.alert_new": "post-only",
    "stock_alerts.alert_confirm": "public-item",
    "stock_alerts.alert_unsubscribe": "public",
    "payments.pay": "public-item",
    "payments.pay_test": "post-only",
    "payments.payment_status": "public-item",
    "payments.choose_method": "post-only",
    "payments.change_method": "post-only",
    "payments.midtrans_notification": "post-only",
    "payments.stripe_card": "post-only",
    "payments.stripe_card_done": "post-only",
    "payments.stripe_webhook": "post-only",
    # maker area
    "maker_dashboard.home": "maker",
    "maker_dashboard.profile_edit": "maker",
    "maker_dashboard.review_list": "maker",
    "maker_dashboard.review_reply": "post-only",
    "maker_dashboard.listing_list": "maker",
    "maker_dashboard.listing_new": "maker",
    "maker_dashboard.listing_edit": "maker-item",
    "maker_dashboard.listing_archive": "post-only",
    "maker_dashboard.listing_restore": "post-only",
    "maker_dashboard.listing_stock": "post-only",
    "maker_dashboard.listing_submit": "post-only",
    "maker_dashboard.statement_csv": "maker",
    "maker_dashboard.privacy_edit": "maker",
    "maker_dashboard.making_list": "maker",
    "maker_dashboard.listing_variants": "maker-item",
    "maker_dashboard.listing_variant_stock": "post-only",
    "maker_dashboard.making_done": "post-only",
    # admin area
    "admin.home": "admin",
    "admin.users": "admin",
    "admin.maker_new": "admin",
    "admin.user_detail": "admin-item",
    "admin.user_link": "post-only",
    "admin.user_send_link": "post-only",
    "admin.user_deactivate": "post-only",
    "admin.user_reactivate": "post-only",
    "admin.listing_queue": "admin",
    "admin.review_queue": "admin",
    "admin.review_decide": "post-only",
    "admin.stock_alert_list": "admin",
    "admin.stock_alert_sent": "post-only",
    "admin.listing_review": "admin-item",
    "admin.listing_approve": "post-only",
    "admin.listing_reject": "post-only",
    "admin.listing_edit": "post-only",
    "admin.listing_unpublish": "post-only",
    "admin.variant_approve": "post-only",
    "admin.variant_reject": "post-only",
    "admin.audit_list": "admin",
    "admin.orders": "admin",
    "admin.order_detail": "admin-item",
    "admin.order_refund": "post-only",
    "admin.make_requests": "admin",
    "admin.pages": "admin",
    "admin.page_edit": "admin-item",
    "admin.maker_profile": "admin-item",
    "admin.maker_profile_approve": "post-only",
    "admin.maker_profile_reject": "post-only",
    "admin.make_request_done": "post-only",
    "admin.order_step": "post-only",
    "admin.order_packing_slip": "admin-item",
    "admin.vouchers": "admin",
    "admin.currencies": "admin",
    "admin.made_to_order_late": "admin",
    "admin.currency_delete": "post-only",
    "admin.campaign_new": "post-only",
    "admin.voucher_toggle": "post-only",
    "admin.payouts": "admin",
    "admin.payout_history": "admin",
    "admin.payout_history_csv": "admin",
    "admin.payout_new": "admin-item",
    "admin.maker_statement": "admin-item",
    "admin.maker_privacy_edit": "admin-item",
    "admin.maker_fee_edit": "admin-item",
    "admin.maker_visibility_set": "post-only",
    "admin.payment_events_flagged": "admin",
    "admin.jobs_list": "admin",
    "admin.job_retry": "post-only",
    "admin.job_discard": "post-only",
    # impact and sponsor reports
    "impact.impact_page": "public",
    "impact.report_page": "reports",
    "impact.report_download": "reports",
}


def _dummy_url(app, endpoint: str) -> str:
    """The endpoint's first rule, every URL argument filled with a value that matches nothing."""
    rule = next(app.url_map.iter_rules(endpoint))
    args = {
        name: 987654 if isinstance(converter, IntegerConverter) else "no-such-thing"
        for name, converter in rule._converters.items()
    }
    with app.test_request_context():
        from flask import url_for

        return url_for(endpoint, **args)


@pytest.fixture
def clients(app):
    """One test client per role, each signed in (a maker with her Maker profile)."""
    users = {
        "customer": make_user(Role.CUSTOMER, password=None),
        "maker": make_maker(user=make_user(Role.MAKER, password=None)).user,
        "admin": make_user(Role.ADMIN, password=None),
        "sponsor": make_user(Role.SPONSOR, password=None),
    }
    result = {"anon": app.test_client()}
    for role, user in users.items():
        result[role] = app.test_client()
        login(result[role], user)
    return result


def _outcome(response):
    if response.status_code in (301, 302, 303, 307, 308):
        return LOGIN if response.headers["Location"].startswith("/login") else AWAY
    return response.status_code


def test_every_endpoint_has_an_access_rule(app):
    missing = sorted({rule.endpoint for rule in app.url_map.iter_rules()} - ACCESS.keys())
    assert not missing, (
        f"No access rule for {missing}: add a line per endpoint to ACCESS in "
        f"tests/functional/test_access_table.py (rules: {', '.join(RULES)})"
    )


def test_every_rule_in_the_table_is_known():
    unknown = {endpoint: rule for endpoint, rule in ACCESS.items() if rule not in RULES}
    assert not unknown, f"Unknown rules {unknown}: use one of {', '.join(RULES)}"


@pytest.mark.parametrize("endpoint", sorted(ACCESS))
def test_endpoint_answers_each_role_as_declared(app, clients, endpoint):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoint in endpoints, f"{endpoint} no longer exists: remove it from ACCESS"
    url = _dummy_url(app, endpoint)
    expected = RULES[ACCESS[endpoint]]
    actual = {role: _outcome(clients[role].get(url)) for role in ROLES}
    assert actual == expected, f"GET {url} ({ACCESS[endpoint]}): expected {expected}, got {actual}"
