"""Odd query strings on every page, for every role, get a page or a 4xx: never a 500."""

import pytest

from tests.functional.test_access_table import ROLES, _dummy_url, clients  # noqa: F401

ODD_QUERIES = [
    "page=-1&start=yesterday&end=31-12-2026&sort=drop&status=bogus&maker=abc&q=%27%20OR%201%3D1--",
    f"page={10**30}&min_price=1e9&max_price=-5&date_from=2026-02-30&date_to=x&search=%25",
    "page=abc&maker=99999999999999999999&category=" + "x" * 3000,
]


def _get_endpoints(app):
    return sorted(
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if "GET" in rule.methods and rule.endpoint != "static"
    )


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_no_get_page_answers_500_to_odd_query_strings(app, clients, query):  # noqa: F811
    failures = []
    for endpoint in _get_endpoints(app):
        url = f"{_dummy_url(app, endpoint)}?{query}"
        for role in ROLES:
            status = clients[role].get(url).status_code
            if status >= 500:
                failures.append((role, url[:80], status))
    assert not failures, failures


ODD_FORMS = [
    {"quantity": "-1", "product_id": "abc", "amount": "1e9", "lang": "xx", "next": "//evil"},
    {"quantity": "99999999999999999999", "product_id": "99999999999999999999", "reason": ""},
    {"identifier": "x" * 5000, "password": "", "email": "not-an-email", "phone": "+62"},
]


@pytest.mark.parametrize("form", ODD_FORMS)
def test_no_post_endpoint_answers_500_to_odd_forms(app, clients, form):  # noqa: F811
    failures = []
    endpoints = sorted(r.endpoint for r in app.url_map.iter_rules() if "POST" in r.methods)
    for endpoint in endpoints:
        url = _dummy_url(app, endpoint)
        for role in ROLES:
            status = clients[role].post(url, data=form).status_code
            if status >= 500:
                failures.append((role, endpoint, status))
    assert not failures, failures


def test_huge_ids_in_urls_are_404_for_every_role(app, clients):  # noqa: F811
    failures, checked = [], 0
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or not any(
            type(converter).__name__ == "RowIdConverter" for converter in rule._converters.values()
        ):
            continue
        url = _dummy_url(app, rule.endpoint).replace("987654", "99999999999")
        checked += 1
        for role in ROLES:
            status = clients[role].get(url).status_code
            if status >= 500 or status == 200:
                failures.append((role, url, status))
    assert checked >= 5 and not failures, (checked, failures)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/orders/?date_to=9999-12-31",
        "/admin/orders/?date_from=0001-01-01",
        "/reports?end=9999-12-31",
        "/reports?start=0001-01-01&end=0001-01-05",
    ],
)
def test_dates_outside_the_shops_years_are_refused_not_a_500(clients, url):  # noqa: F811
    assert clients["admin"].get(url).status_code < 500
