"""sitemap.xml (the public pages, each with its id and en versions) and robots.txt."""

from datetime import datetime

from flask import Blueprint, Response, current_app, render_template, url_for

from storefront.catalog.models import Product
from storefront.catalog.queries import active_makers, visible_products
from storefront.extensions import db
from storefront.makers.models import Maker
from storefront.sharing.links import absolute, base_url

bp = Blueprint("sharing", __name__)

# Public pages that are not a product or a maker (endpoints without arguments).
STATIC_PAGES = ("catalog.home", "catalog.product_list", "makers.maker_list", "impact.impact_page")
# Never crawled: private areas, forms and links that carry a secret.
PRIVATE_PREFIXES = (
    "/admin/",
    "/maker/",
    "/account/",
    "/cart",
    "/checkout",
    "/orders/",
    "/pay/",
    "/alerts/",
    "/wishlist/",
    "/reports",
    "/login",
    "/register",
    "/password/",
    "/invite/",
)


def sitemap_paths() -> list[tuple[str, datetime | None]]:
    """(path, last modified or None) of every public page: static pages, live products of
    listed makers, listed makers."""
    paths: list[tuple[str, datetime | None]] = [(url_for(name), None) for name in STATIC_PAGES]
    products = db.session.execute(
        visible_products().with_only_columns(Product.slug, Product.updated_at).order_by(Product.id)
    )
    paths += [(url_for("catalog.product_detail", slug=slug), at) for slug, at in products]
    makers = db.session.scalars(active_makers().with_only_columns(Maker.slug).order_by(Maker.id))
    paths += [(url_for("makers.maker_detail", slug=slug), None) for slug in makers]
    return paths


@bp.get("/sitemap.xml")
def sitemap():
    entries = [
        {
            "loc": absolute(path),
            "lastmod": at.date().isoformat() if at else None,
            "alternates": {
                lang: absolute(f"{path}?lang={lang}") for lang in current_app.config["LANGUAGES"]
            },
        }
        for path, at in sitemap_paths()
    ]
    body = render_template("sharing/sitemap.xml", entries=entries)
    return Response(body, mimetype="application/xml")


@bp.get("/robots.txt")
def robots():
    lines = ["User-agent: *", *(f"Disallow: {prefix}" for prefix in PRIVATE_PREFIXES)]
    lines += ["", f"Sitemap: {base_url()}/sitemap.xml", ""]
    return Response("\n".join(lines), mimetype="text/plain")
