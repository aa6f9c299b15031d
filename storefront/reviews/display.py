"""What templates use of reviews: the approved ones on a product page, the lines a buyer may
review on her order page, and review text with its web addresses taken out."""

from flask import g

from storefront import text as text_rules
from storefront.orders.models import Order, OrderLine
from storefront.reviews import queries, services
from storefront.reviews.models import Review


def strip_links(text: str) -> str:
    """Template filter `nolinks`: a review never shows a web address, even one that got through."""
    return text_rules.strip_links(text)


def latest_reviews(product_id: int) -> list[Review]:
    """The newest approved reviews; asked by the page and its JSON-LD, queried once a request."""
    cache = g.setdefault("latest_reviews", {})
    if product_id not in cache:
        cache[product_id] = queries.latest_for(product_id, limit=queries.PER_PAGE)
    return cache[product_id]


def reviewable_lines(order: Order) -> list[OrderLine]:
    return services.reviewable_lines(order)


def review_globals() -> dict:
    """Context processor: `latest_reviews(id)`, `reviewable_lines(order)`; queried if called."""
    return {"latest_reviews": latest_reviews, "reviewable_lines": reviewable_lines}
