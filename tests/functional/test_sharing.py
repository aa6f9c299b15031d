"""Pages that share well and are found: OpenGraph/Twitter tags, JSON-LD (parses; right price and
availability; no </script> breakout), sitemap.xml (exactly the public pages), robots.txt,
canonical and hreflang links."""

import json
import re
from xml.etree import ElementTree

import pytest

from storefront.auth.models import Role
from storefront.catalog.models import ListingStatus
from storefront.extensions import db
from storefront.reviews import services as reviews
from tests.factories import make_maker, make_product, make_sold_order, make_user

LD_RE = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(page: str) -> list[dict]:
    return [json.loads(block) for block in LD_RE.findall(page)]


def of_type(page: str, kind: str) -> dict:
    (found,) = [data for data in json_ld(page) if data.get("@type") == kind]
    return found


def meta(page: str, prop: str) -> str:
    match = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)"', page)
    assert match, prop
    return match.group(1)


@pytest.mark.parametrize(
    ("stock", "made", "availability"),
    [(2, False, "InStock"), (0, False, "OutOfStock"), (0, True, "MadeToOrder")],
)
def test_product_json_ld_carries_price_in_idr_and_availability(client, stock, made, availability):
    product = make_product(
        price_idr=185_000, stock=stock, is_made_to_order=made, lead_time_days=7 if made else None
    )
    page = client.get(f"/products/{product.slug}").text
    data = of_type(page, "Product")
    assert data["@context"] == "https://schema.org"
    offer = data["offers"]
    assert (offer["@type"], offer["price"], offer["priceCurrency"]) == ("Offer", "185000", "IDR")
    assert offer["availability"] == f"https://schema.org/{availability}"
    assert offer["seller"]["@type"] == "Person"
    assert offer["seller"]["name"] == product.maker.public_name
    assert data["image"][0].startswith("http") and data["image"][0].endswith("-1200.webp")
    crumbs = of_type(page, "BreadcrumbList")["itemListElement"]
    assert [item["position"] for item in crumbs] == [1, 2, 3]
    assert crumbs[-1]["item"].endswith(f"/products/{product.slug}")
    assert "aggregateRating" not in data


def test_a_title_cannot_break_out_of_the_json_block(client):
    product = make_product(title_id='Tas </script><script>alert(1)</script> "x"')
    page = client.get(f"/products/{product.slug}").text
    assert "<script>alert(1)" not in page
    assert of_type(page, "Product")["name"] == 'Tas </script><script>alert(1)</script> "x"'


def test_aggregate_rating_and_reviews_after_approval(client):
    product = make_product()
    order = make_sold_order(
        [(product.maker, product.price_idr, 1)], status="delivered", email="r@example.com"
    )
    order.lines[0].product_id = product.id
    db.session.commit()
    review = reviews.submit_review(order, order.lines[0], rating=4, body="Rapi", photo=None)
    page = client.get(f"/products/{product.slug}").text
    assert "aggregateRating" not in of_type(page, "Product")
    reviews.approve(review, admin_id=make_user(Role.ADMIN).id)
    data = of_type(client.get(f"/products/{product.slug}").text, "Product")
    assert data["aggregateRating"]["ratingValue"] == "4.0"
    assert data["aggregateRating"]["reviewCount"] == 1
    assert data["review"][0]["reviewRating"]["ratingValue"] == "4"
    assert data["review"][0]["author"]["name"] == order.contact_name.split()[0]


def test_product_page_has_opengraph_with_photo_and_price(client):
    product = make_product(price_idr=99_000)
    page = client.get(f"/products/{product.slug}").text
    assert meta(page, "og:type") == "product"
    assert meta(page, "og:image").startswith("http://localhost/media/")
    assert meta(page, "og:image").endswith("-1200.webp")
    assert meta(page, "product:price:amount") == "99000"
    assert meta(page, "product:price:currency") == "IDR"
    assert meta(page, "twitter:card") == "summary_large_image"
    assert product.title_id in meta(page, "og:title")


def test_maker_page_has_person_and_share_buttons(client):
    maker = make_maker()
    make_product(maker)
    page = client.get(f"/makers/{maker.slug}").text
    person = of_type(page, "Person")
    assert person["name"] == maker.public_name
    assert person["worksFor"]["@type"] == "Organization"
    assert "https://wa.me/?text=" in page and "js/share.js" in page
    assert "<script>" not in page.replace('<script type="application/ld+json">', "")


@pytest.mark.parametrize("path", ["/", "/products", "/makers", "/impact"])
def test_every_public_page_has_canonical_and_hreflang(client, path):
    page = client.get(path).text
    assert f'<link rel="canonical" href="http://localhost{path}">' in page
    for lang in ("id", "en"):
        assert f'hreflang="{lang}" href="http://localhost{path}?lang={lang}"' in page
    assert f'hreflang="x-default" href="http://localhost{path}"' in page
    assert meta(page, "og:url") == f"http://localhost{path}"


def test_home_has_organization_and_opengraph(client):
    make_product()
    page = client.get("/").text
    assert of_type(page, "Organization")["url"] == "http://localhost/"
    assert meta(page, "og:image").endswith("-1200.webp")


def test_lang_in_the_address_chooses_the_language(client):
    assert '<html lang="en">' in client.get("/?lang=en").text
    client.set_cookie("lang", "en")
    page = client.get("/?lang=id").text
    assert '<html lang="id">' in page
    assert '<link rel="canonical" href="http://localhost/?lang=id">' in page


def test_the_canonical_address_drops_filters_but_keeps_the_page(client):
    page = client.get("/products?sort=price_asc&page=1").text
    assert '<link rel="canonical" href="http://localhost/products?page=1">' in page


def test_shop_url_makes_every_absolute_link(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "SHOP_URL", "https://toko.example")
    page = client.get("/makers").text
    assert '<link rel="canonical" href="https://toko.example/makers">' in page


def test_sitemap_lists_exactly_the_public_pages(client):
    maker = make_maker()
    live = make_product(maker)
    make_product(maker, status=ListingStatus.DRAFT)
    make_product(maker, status=ListingStatus.PENDING)
    hidden = make_maker(is_listed=False)
    make_product(hidden)
    response = client.get("/sitemap.xml")
    assert response.mimetype == "application/xml"
    root = ElementTree.fromstring(response.data)  # noqa: S314 (our own response)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    locs = {url.findtext("s:loc", namespaces=ns) for url in root.findall("s:url", ns)}
    base = "http://localhost"
    assert locs == {
        f"{base}/",
        f"{base}/products",
        f"{base}/makers",
        f"{base}/impact",
        f"{base}/products/{live.slug}",
        f"{base}/makers/{maker.slug}",
    }
    first = root.find("s:url", ns)
    langs = {link.get("hreflang") for link in first.findall("x:link", ns)}
    assert langs == {"id", "en", "x-default"}
    for loc in locs:  # every listed page is really there
        assert client.get(loc.removeprefix(base)).status_code == 200


def test_robots_txt_points_to_the_sitemap_and_keeps_private_areas_out(client):
    text = client.get("/robots.txt").text
    assert "Sitemap: http://localhost/sitemap.xml" in text
    for private in ("/admin/", "/maker/", "/account/", "/orders/", "/checkout"):
        assert f"Disallow: {private}" in text


def test_the_language_switch_leaves_a_lang_address(client):
    response = client.post("/language", data={"lang": "id", "next": "/products?lang=en&page=1"})
    assert response.location.endswith("/products?page=1")
    response = client.post("/language", data={"lang": "en", "next": "/?lang=id"})
    assert response.location.endswith("/")
