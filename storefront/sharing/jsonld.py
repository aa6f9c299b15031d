"""schema.org data for search engines and link previews, as dicts the templates write out as
`<script type="application/ld+json">` blocks (data, never run: no CSP nonce needed)."""

import json
from typing import Any

from flask import url_for
from flask_babel import gettext as _
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from storefront.catalog.models import Product
from storefront.makers.models import Maker
from storefront.sharing.links import absolute, external
from storefront.shop import CURRENCY
from storefront.text import strip_links

SCHEMA = "https://schema.org"


def ld_script(data: dict[str, Any]) -> Markup:
    """The block itself. The JSON has <, >, & and ' escaped (\\u003c...), so no text (a title
    with "</script>" or "<!--") can end the block early or open markup."""
    body = htmlsafe_json_dumps(data, dumps=_dumps)
    return Markup('<script type="application/ld+json">') + body + Markup("</script>")


def _dumps(data: Any, **kwargs: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), **kwargs)


def photo_url(key: str, width: int = 1200) -> str:
    return external("media.media_file", name=f"{key}-{width}.webp")


def shop() -> dict[str, Any]:
    return {
        "@type": "Organization",
        "name": _("Anyaman Shop"),
        "url": external("catalog.home"),
        "logo": absolute(url_for("static", filename="img/logo.svg")),
    }


def maker_person(maker: Maker) -> dict[str, Any]:
    person: dict[str, Any] = {
        "@type": "Person",
        "name": maker.public_name,
        "url": external("makers.maker_detail", slug=maker.slug),
        "worksFor": shop(),
    }
    if maker.portrait_key and maker.shows_portrait:
        person["image"] = photo_url(maker.portrait_key, 400)
    return person


def availability(product: Product) -> str:
    if product.is_made_to_order:
        return f"{SCHEMA}/MadeToOrder"
    return f"{SCHEMA}/InStock" if product.stock > 0 else f"{SCHEMA}/OutOfStock"


def product_ld(product: Product, locale: str, reviews: list | None = None) -> dict[str, Any]:
    """Product with its Offer (price in IDR, availability, seller), rating and reviews."""
    url = external("catalog.product_detail", slug=product.slug)
    data: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "Product",
        "name": product.title(locale),
        "description": product.description(locale),
        "url": url,
        "sku": product.slug,
        "image": [photo_url(photo.key) for photo in product.photos],
        "brand": shop(),
        "category": product.category.name(locale),
        "offers": {
            "@type": "Offer",
            "url": url,
            "price": str(product.price_idr),
            "priceCurrency": CURRENCY.upper(),
            "availability": availability(product),
            "itemCondition": f"{SCHEMA}/NewCondition",
            "seller": maker_person(product.maker),
        },
    }
    if product.review_count:
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": str(product.rating_average),
            "reviewCount": product.review_count,
            "bestRating": "5",
            "worstRating": "1",
        }
        data["review"] = [_review(review) for review in reviews or []]
    return data


def _review(review) -> dict[str, Any]:
    return {
        "@type": "Review",
        "author": {"@type": "Person", "name": review.first_name},
        "datePublished": review.approved_at.date().isoformat() if review.approved_at else None,
        "reviewBody": strip_links(review.body),
        "reviewRating": {"@type": "Rating", "ratingValue": str(review.rating), "bestRating": "5"},
    }


def breadcrumbs(*items: tuple[str, str]) -> dict[str, Any]:
    """BreadcrumbList of (name, absolute url), first the home page."""
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": url}
            for n, (name, url) in enumerate(items, start=1)
        ],
    }


def product_breadcrumbs(product: Product, locale: str) -> dict[str, Any]:
    return breadcrumbs(
        (_("Home"), external("catalog.home")),
        (
            product.category.name(locale),
            external("catalog.product_list", category=product.category.slug),
        ),
        (product.title(locale), external("catalog.product_detail", slug=product.slug)),
    )


def maker_ld(maker: Maker) -> dict[str, Any]:
    return {"@context": SCHEMA, **maker_person(maker)}


def maker_breadcrumbs(maker: Maker) -> dict[str, Any]:
    return breadcrumbs(
        (_("Home"), external("catalog.home")),
        (_("Makers"), external("makers.maker_list")),
        (maker.public_name, external("makers.maker_detail", slug=maker.slug)),
    )


def home_ld() -> dict[str, Any]:
    return {"@context": SCHEMA, **shop()}


def sharing_globals() -> dict:
    """Context processor: what base.html and the shared pages need (nothing is queried)."""
    from storefront.sharing.links import page_links

    return {
        "page_links": page_links,
        "absolute_url": absolute,
        "ld_script": ld_script,
        "photo_url": photo_url,
        "product_ld": product_ld,
        "product_breadcrumbs": product_breadcrumbs,
        "maker_ld": maker_ld,
        "maker_breadcrumbs": maker_breadcrumbs,
        "home_ld": home_ld,
    }
