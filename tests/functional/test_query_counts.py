"""Public pages cost a constant number of SQL statements, however large the catalog grows."""

import pytest

from tests.factories import make_category, make_maker, make_product


def _grow_catalog(total: int) -> None:
    makers = [make_maker() for _ in range(4)]
    categories = [make_category() for _ in range(3)]
    for i in range(total):
        make_product(makers[i % 4], categories[i % 3], photos=2, commit=False)
    from storefront.extensions import db

    db.session.commit()


def _statements(client, count_queries, url: str) -> int:
    client.get(url)  # warm-up: first-request work is not what we measure
    with count_queries() as counter:
        response = client.get(url)
    assert response.status_code == 200, url
    return counter.count


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/products",
        "/products?sort=price_asc&min_price=1000",
        "/products/product-FIRST",
        "/makers",
        "/makers/MAKER",
    ],
)
def test_page_query_count_is_the_same_for_5_and_200_products(client, count_queries, url):
    from storefront.catalog.models import Product
    from storefront.extensions import db

    counts = []
    for total in (5, 200):
        _grow_catalog(total if not counts else total - 5)
        first = db.session.scalars(db.select(Product).order_by(Product.id)).first()
        target = url.replace("product-FIRST", first.slug).replace("MAKER", first.maker.slug)
        counts.append(_statements(client, count_queries, target))
    assert counts[0] == counts[1], f"{url}: {counts[0]} statements with 5, {counts[1]} with 200"
    assert counts[0] <= 8
