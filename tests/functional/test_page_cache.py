"""The cache of anonymous pages: the same page for every guest, never another visitor's data,
stale the moment what it shows changes, with public caching headers, ETags and 304s."""

import pytest

from storefront.extensions import db
from storefront.page_cache import current_generation
from tests.conftest import login
from tests.factories import make_category, make_maker, make_product, make_user

EN = {"Accept-Language": "en"}


@pytest.fixture
def page_cache(app):
    app.config["PAGE_CACHE_SECONDS"] = 300
    yield
    app.config["PAGE_CACHE_SECONDS"] = 0


@pytest.fixture
def shop(page_cache):
    maker = make_maker(slug="siti-rahayu", full_name="Siti Rahayu")
    product = make_product(
        maker, make_category(), slug="tas-biru", title_id="Tas Biru", price_idr=150_000
    )
    return product


def _pages(product):
    return [
        "/",
        "/products",
        "/products?sort=price_asc&min_price=1000",
        f"/products/{product.slug}",
        "/makers",
        f"/makers/{product.maker.slug}",
        "/impact",
    ]


def test_anonymous_pages_are_shareable_and_served_from_the_cache(app, shop, count_queries, client):
    for url in _pages(shop):
        first = client.get(url)
        assert first.status_code == 200, url
        assert "Set-Cookie" not in first.headers, url
        assert first.headers["Cache-Control"].startswith("public, max-age="), url
        assert "stale-while-revalidate=" in first.headers["Cache-Control"]
        assert "nonce-" not in first.headers["Content-Security-Policy"], url
        assert 'name="csrf_token"' not in first.get_data(as_text=True), url
        assert first.headers["ETag"]
        with count_queries() as counter:
            again = app.test_client().get(url)  # another guest
        assert again.get_data() == first.get_data(), url
        assert again.headers["ETag"] == first.headers["ETag"]
        assert counter.count == 0, f"{url} was not served from the cache"


def test_guest_pages_stay_shareable_with_csrf_on_as_in_production(csrf_app, shop):
    """With CSRF checks on (as in production), a form merely built for a page (the product
    page's "ask the maker" form, shown only when the product is gone) draws no token, so it
    neither writes the session nor keeps the page out of the cache."""
    for url in _pages(shop):
        first = csrf_app.test_client().get(url)
        assert first.status_code == 200, url
        assert "Set-Cookie" not in first.headers, url
        assert first.headers["Cache-Control"].startswith("public, max-age="), url


def test_a_sold_out_product_page_is_cached_and_its_guest_forms_are_checked_by_origin(
    csrf_app, shop
):
    """A one-of-a-kind bag that sold out shows "tell me when it is back" and "ask the maker":
    guest forms with no token, so the page is the same for every guest and cached; their POSTs
    must come from this site (a cross-site one is refused, nothing saved)."""
    from storefront.catalog.models import MakeRequest
    from storefront.stock_alerts.models import StockAlert

    shop.stock = 0
    shop.maker.accepts_requests = True
    db.session.commit()
    page = csrf_app.test_client().get(f"/products/{shop.slug}", headers=EN)
    body = page.get_data(as_text=True)
    assert 'id="make-request"' in body and "alert-signup" in body
    assert 'name="csrf_token"' not in body and "Set-Cookie" not in page.headers
    assert page.headers["Cache-Control"].startswith("public, max-age=")
    request = {"name": "Ani", "email": "ani@example.com", "message": "Yang biru, ya"}
    alert = {"channel": "email", "email": "ani@example.com"}
    for url, data in (
        (f"/products/{shop.slug}/request", request),
        (f"/products/{shop.id}/alert", alert),
    ):
        cross_site = csrf_app.test_client().post(
            url,
            data=data,
            headers={**EN, "Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
        )
        assert cross_site.status_code == 400, url
    assert db.session.query(MakeRequest).count() == 0
    assert db.session.query(StockAlert).count() == 0
    for url, data in (
        (f"/products/{shop.slug}/request", request),
        (f"/products/{shop.id}/alert", alert),
    ):
        same_site = csrf_app.test_client().post(
            url, data=data, headers={**EN, "Sec-Fetch-Site": "same-origin"}
        )
        assert same_site.status_code == 302, url
    assert db.session.query(MakeRequest).count() == 1
    assert db.session.query(StockAlert).count() == 1


def test_etag_round_trip_gives_304(shop, client):
    url = f"/products/{shop.slug}"
    etag = client.get(url).headers["ETag"]
    fresh = client.get(url, headers={"If-None-Match": etag})  # from the cache
    assert fresh.status_code == 304 and fresh.get_data() == b""
    assert fresh.headers["ETag"] == etag
    assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200


def test_each_language_has_its_own_copy(shop, client):
    indonesian = client.get("/products").get_data(as_text=True)
    english = client.get("/products", headers=EN).get_data(as_text=True)
    assert '<html lang="id"' in indonesian and '<html lang="en"' in english
    assert '<html lang="id"' in client.get("/products").get_data(as_text=True)


def test_a_price_change_is_visible_at_once(shop, client):
    url = f"/products/{shop.slug}"
    assert "Rp150.000" in client.get(url).get_data(as_text=True)
    assert "Rp150.000" in client.get("/products").get_data(as_text=True)
    shop.price_idr = 175_000
    db.session.commit()
    assert "Rp175.000" in client.get(url).get_data(as_text=True)
    assert "Rp175.000" in client.get("/products").get_data(as_text=True)


def test_a_stock_change_by_bulk_update_is_visible_at_once(shop, client):
    from storefront.orders.stock import take_stock

    url = f"/products/{shop.slug}"
    assert "Add to cart" in client.get(url, headers=EN).get_data(as_text=True)
    assert take_stock(shop.id, shop.stock)
    db.session.commit()
    assert "Add to cart" not in client.get(url, headers=EN).get_data(as_text=True)


def test_a_maker_profile_change_is_visible_at_once(shop, client):
    url = f"/makers/{shop.maker.slug}"
    assert "Menganyam sejak 2019" not in client.get(url).get_data(as_text=True)
    shop.maker.story_id = "Menganyam sejak 2019"
    db.session.commit()
    assert "Menganyam sejak 2019" in client.get(url).get_data(as_text=True)


def test_private_tables_keep_the_cache_and_rollbacks_too(shop):
    from storefront.auth.sessions import open_session

    before = current_generation()
    open_session(make_user())  # a session row: no public page shows it
    db.session.commit()
    shop.price_idr = 1
    db.session.flush()
    db.session.rollback()
    assert current_generation() == before
    shop.price_idr = 2
    db.session.commit()
    assert current_generation() != before


def test_signed_in_visitor_never_gets_nor_leaves_a_cached_page(app, shop, client):
    assert "Sign out" not in client.get("/products", headers=EN).get_data(as_text=True)
    member = app.test_client()
    login(member, make_user(email="ani@example.com"))
    page = member.get("/products", headers=EN)
    assert "Sign out" in page.get_data(as_text=True)
    assert page.headers["Cache-Control"] == "no-store"
    assert "Sign out" not in app.test_client().get("/products", headers=EN).get_data(as_text=True)
    # ...and the signed-in page was not stored for anyone
    member2 = app.test_client()
    login(member2, make_user(email="budi@example.com"))
    assert "Sign out" in member2.get("/", headers=EN).get_data(as_text=True)
    assert "Sign out" not in app.test_client().get("/", headers=EN).get_data(as_text=True)


def test_a_visitor_with_a_cart_sees_her_cart_and_nobody_else_does(app, shop, client):
    guest = app.test_client()
    assert "cart-count" not in guest.get("/products").get_data(as_text=True)  # now cached
    buyer = app.test_client()
    buyer.post("/cart/add", data={"product_id": shop.id, "quantity": "1"})
    page = buyer.get("/products")
    assert 'class="cart-count">(1)' in page.get_data(as_text=True)
    assert not page.headers["Cache-Control"].startswith("public")
    assert "cart-count" not in guest.get("/products").get_data(as_text=True)
    assert "cart-count" not in app.test_client().get("/").get_data(as_text=True)


def test_a_flash_message_is_shown_once_and_never_cached(app, shop, client):
    client.get("/products")  # cached without a message
    flashed = app.test_client()
    with flashed.session_transaction() as session:
        session["_flashes"] = [("success", "Pesan khusus untuk Ani")]
    page = flashed.get("/products")
    assert "X-Page-Cache-Store" not in page.headers
    assert "Pesan khusus untuk Ani" in page.get_data(as_text=True)
    assert not page.headers["Cache-Control"].startswith("public")
    assert "Pesan khusus untuk Ani" not in flashed.get("/products").get_data(as_text=True)
    assert "Pesan khusus untuk Ani" not in client.get("/products").get_data(as_text=True)


def test_pages_with_a_csrf_form_are_not_cached(page_cache, csrf_app):
    page = csrf_app.test_client().get("/login")
    assert 'name="csrf_token"' in page.get_data(as_text=True)
    assert not page.headers["Cache-Control"].startswith("public")


def test_guest_add_to_cart_needs_this_sites_origin_without_a_token(csrf_app, shop):
    client = csrf_app.test_client()
    data = {"product_id": shop.id, "quantity": "1"}
    assert client.post("/cart/add", data=data).status_code == 400
    foreign = {"Origin": "https://evil.example"}
    assert client.post("/cart/add", data=data, headers=foreign).status_code == 400
    assert (
        client.post("/cart/add", data=data, headers={"Sec-Fetch-Site": "cross-site"}).status_code
        == 400
    )
    same = {"Origin": "http://localhost"}
    assert client.post("/cart/add", data=data, headers=same).status_code == 302
    assert (
        client.post("/cart/add", data=data, headers={"Sec-Fetch-Site": "same-origin"}).status_code
        == 302
    )


def test_language_switch_needs_no_token(csrf_app):
    response = csrf_app.test_client().post("/language", data={"lang": "en", "next": "/"})
    assert response.status_code == 302 and "lang=en" in response.headers["Set-Cookie"]


def test_each_encoding_is_stored_and_served_as_first_sent(app, shop, count_queries):
    import gzip

    import brotli

    url = "/products"
    plain = app.test_client().get(url).get_data()
    for encoding, decode in (("br", brotli.decompress), ("gzip", gzip.decompress)):
        first = app.test_client().get(url, headers={"Accept-Encoding": encoding})
        assert first.headers["Content-Encoding"] == encoding
        assert "Accept-Encoding" in first.headers["Vary"]
        with count_queries() as counter:
            again = app.test_client().get(url, headers={"Accept-Encoding": encoding})
        assert counter.count == 0
        assert again.headers["Content-Encoding"] == encoding
        assert decode(again.get_data()) == plain
        assert (
            "X-Page-Cache-Store" not in again.headers and "X-Page-Cache-Store" not in first.headers
        )
        etag = again.headers["ETag"]
        fresh = app.test_client().get(
            url, headers={"Accept-Encoding": encoding, "If-None-Match": etag}
        )
        assert fresh.status_code == 304
    assert "Content-Encoding" not in app.test_client().get(url).headers


def test_the_language_cookie_picks_the_stored_copy(app, shop):
    english = app.test_client()
    english.set_cookie("lang", "en")
    assert '<html lang="en"' in english.get("/products").get_data(as_text=True)
    assert '<html lang="id"' in app.test_client().get("/products").get_data(as_text=True)
    assert '<html lang="en"' in english.get("/products").get_data(as_text=True)


def test_a_guest_with_a_leftover_session_gets_the_stored_page_without_internal_headers(
    app, shop, count_queries
):
    client = app.test_client()
    client.get("/products")  # stored for guests without cookies
    guest = app.test_client()
    with guest.session_transaction() as session:
        session["csrf_token"] = "from-a-sign-in-form-seen-earlier"
    with count_queries() as counter:
        page = guest.get("/products")  # the app's own lookup (the middleware skips cookies)
    assert counter.count == 0 and page.get_data() == client.get("/products").get_data()
    assert "X-Page-Cache-Store" not in page.headers
    # Flask-Login rewrites such a session (marks it not fresh): an answer that sets a cookie
    # must never be cacheable by a proxy.
    assert "Set-Cookie" in page.headers
    assert page.headers["Cache-Control"] == "private, no-cache"


def test_a_visitor_who_chose_a_currency_never_gets_the_rupiah_only_copy(app, shop, client):
    from storefront.currency import CurrencyRate

    db.session.add(CurrencyRate(code="USD", idr_per_unit=15_000))
    db.session.commit()
    url = f"/products/{shop.slug}"
    assert "≈" not in app.test_client().get(url, headers=EN).text  # stored for guests
    client.get(f"/currency?code=USD&next={url}")
    page = client.get(url, headers=EN)
    assert "≈ US$10.00" in page.text
    assert page.headers["Cache-Control"] == "private"
    assert "≈" not in app.test_client().get(url, headers=EN).text  # and guests keep theirs


def test_with_the_shared_cache_down_guest_pages_are_rendered_not_refused(app, build_app, shop):
    from config import TestConfig
    from tests.s3_fixtures import free_port

    shared = ("SQLALCHEMY_DATABASE_URI", "INSTANCE_DIR", "UPLOAD_DIR", "MAIL_DIR")
    redis_down = type(
        "RedisDown",
        (TestConfig,),
        {
            **{name: app.config[name] for name in shared},
            "CACHE_TYPE": "RedisCache",
            "CACHE_REDIS_URL": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
            "CACHE_OPTIONS": {"socket_timeout": 2, "socket_connect_timeout": 2},
            "PAGE_CACHE_SECONDS": 300,
        },
    )
    guest = build_app(redis_down).test_client()
    for url in ("/healthz", "/products", f"/products/{shop.slug}"):
        assert guest.get(url).status_code == 200, url
    assert "Tas Biru" in guest.get("/products").text
