"""Hostile or mistaken catalog input gets a normal page, a 400 or a 404: never a 500."""

import pytest

from tests.factories import make_product

EN = {"Accept-Language": "en"}


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1.5", "٣"])
def test_bad_page_number_is_400_in_the_visitors_language(client, page):
    response = client.get(f"/products?page={page}", headers=EN)
    assert response.status_code == 400
    assert "page number" in response.get_data(as_text=True)


def test_bad_page_number_message_in_indonesian(client):
    response = client.get("/products?page=abc")
    assert response.status_code == 400
    assert "Nomor halaman" in response.get_data(as_text=True)


@pytest.mark.parametrize("page", [str(10**30), "99"])
def test_page_past_the_end_is_404(client, page):
    make_product()
    assert client.get(f"/products?page={page}").status_code == 404


@pytest.mark.parametrize(
    "query",
    ["' OR 1=1--", "%", "_", "x" * 5000, "<script>alert(1)</script>", "😀", "😀 xyz"],
)
def test_hostile_search_gets_a_normal_page(client, query):
    make_product(title_id="Tas Biru")
    response = client.get("/products", query_string={"q": query})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "Tas Biru" not in html  # none of these strings matches the product


def test_nul_byte_in_search_or_form_is_400_not_500(client):
    assert client.get("/products", query_string={"q": "a\x00b"}).status_code == 400
    assert client.post("/language", data={"lang": "en\x00"}).status_code == 400


def test_percent_search_is_literal_not_a_wildcard(client):
    make_product(title_id="Tas Diskon 50% Biru")
    make_product(title_id="Tas Merah")
    html = client.get("/products", query_string={"q": "50%"}).get_data(as_text=True)
    assert "Tas Diskon 50% Biru" in html and "Tas Merah" not in html


@pytest.mark.parametrize("value", ["abc", "1e5", "-5", "12.5.5,1", "12,5"])
def test_non_numeric_price_filter_is_ignored_with_a_message(client, value):
    make_product(title_id="Tas Biru", title_en="Tas Biru")
    response = client.get("/products", query_string={"min_price": value}, headers=EN)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "must be a whole number of rupiah" in html
    assert "Tas Biru" in html


def test_unknown_sort_and_category_fall_back_gracefully(client):
    make_product(title_id="Tas Biru")
    response = client.get("/products?sort=drop_table&category=nope&maker=%22%3E")
    assert response.status_code == 200


def test_unknown_slug_with_odd_characters_is_404(client):
    assert client.get("/products/%00%27%20OR%201=1").status_code == 404
    assert client.get("/makers/" + "x" * 5000).status_code == 404


def test_post_to_a_get_page_is_405(client):
    response = client.post("/products")
    assert response.status_code == 405
