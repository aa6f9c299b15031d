"""Read-side queries for the public catalog; `visible_products()` says what is public."""

from dataclasses import dataclass, replace

from slugify import slugify
from sqlalchemy import Select, false, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from storefront.catalog.models import Category, ListingStatus, Product
from storefront.catalog.search import did_you_mean, search
from storefront.extensions import db
from storefront.makers.models import Maker, MakerOldSlug, public_name_of

SORTS = ("newest", "price_asc", "price_desc")
MAX_QUERY_LENGTH = 100


def visible_products() -> Select:
    """Approved (live) listings of active makers: the only products the public ever sees."""
    return (
        select(Product)
        .join(Product.maker)
        .where(Product.status == ListingStatus.LIVE, Maker.is_listed.is_(True))
    )


def with_card_data(query: Select) -> Select:
    """Eager-load what a product card shows, so a page costs the same queries for 5 or 500 items."""
    return query.options(
        joinedload(Product.maker), joinedload(Product.category), selectinload(Product.photos)
    )


@dataclass(frozen=True)
class ProductFilters:
    category: str | None = None
    maker: str | None = None
    min_price: int | None = None
    max_price: int | None = None
    q: str = ""
    sort: str = "newest"


def filtered_products(filters: ProductFilters) -> Select:
    """Visible products narrowed and ordered by the catalog's filters."""
    query = visible_products()
    if filters.category:
        query = query.join(Product.category).where(Category.slug == filters.category)
    if filters.maker:  # the maker field: her slug, or part of the name she shows
        query = query.where(maker_matches(filters.maker))
    if filters.min_price is not None:
        query = query.where(Product.price_idr >= filters.min_price)
    if filters.max_price is not None:
        query = query.where(Product.price_idr <= filters.max_price)
    relevance: list = []
    if filters.q:
        query, relevance = search(query, filters.q)
    order = {
        "price_asc": (Product.price_idr.asc(), Product.id.asc()),
        "price_desc": (Product.price_idr.desc(), Product.id.desc()),
    }.get(filters.sort)
    if order is None:  # newest: a search puts its best matches first
        order = (*relevance, Product.published_at.desc(), Product.id.desc())
    return with_card_data(query.order_by(*order))


def maker_matches(text: str):
    """A maker named by her slug (from a link) or by a name typed in the maker search field:
    the part of her slug it spells (her slug is public, in her page's URL; her full name may
    not be)."""
    typed = slugify(text)
    spelled = Maker.slug.contains(typed, autoescape=True) if typed else false()
    return or_(Maker.slug == text, spelled)


def suggested_query(filters: ProductFilters) -> str | None:
    """For a search that found nothing: a corrected query that finds something, if there is one."""
    suggestion = did_you_mean(filters.q) if filters.q else None
    if suggestion is None:
        return None
    found = filtered_products(replace(filters, q=suggestion.query)).with_only_columns(Product.id)
    return suggestion.query if db.session.scalar(found.limit(1)) is not None else None


def visible_product_by_slug(slug: str) -> Product | None:
    """One live product with what its page shows; its photos (at most five) and options join
    the same statement."""
    query = visible_products().where(Product.slug == slug)
    query = query.options(
        joinedload(Product.maker),
        joinedload(Product.category),
        joinedload(Product.photos),
        joinedload(Product.variants),
    )
    return db.session.scalars(query).unique().first()


def more_from_maker(product: Product, limit: int = 4) -> list[Product]:
    query = (
        visible_products()
        .where(Product.maker_id == product.maker_id, Product.id != product.id)
        .order_by(Product.published_at.desc(), Product.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(with_card_data(query)))


def featured_products(limit: int = 8) -> list[Product]:
    query = (
        visible_products()
        .order_by(Product.is_featured.desc(), Product.published_at.desc(), Product.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(with_card_data(query)))


def categories() -> list[Category]:
    return list(db.session.scalars(select(Category).order_by(Category.position, Category.id)))


def active_makers() -> Select:
    return select(Maker).where(Maker.is_listed.is_(True))


def listed_makers() -> Select:
    """Active makers by name (the makers page paginates it)."""
    return select(Maker).where(Maker.is_listed.is_(True)).order_by(Maker.full_name, Maker.id)


def live_counts(maker_ids: list[int]) -> dict[int, int]:
    """Public products of just these makers (one GROUP BY on the (maker_id, status) index)."""
    if not maker_ids:
        return {}
    rows = db.session.execute(
        visible_products()
        .with_only_columns(Product.maker_id, func.count(Product.id))
        .where(Product.maker_id.in_(maker_ids))
        .group_by(Product.maker_id)
    )
    return {maker_id: int(count) for maker_id, count in rows}


def makers_with_counts(limit: int | None = None) -> list[tuple[Maker, int]]:
    """Active makers with the number of their public products, in one statement (a count on
    the (maker_id, status) index for each maker shown)."""
    count = (
        select(func.count(Product.id))
        .where(Product.maker_id == Maker.id, Product.status == ListingStatus.LIVE)
        .correlate(Maker)
        .scalar_subquery()
    )
    query = listed_makers().add_columns(count)
    if limit:
        query = query.limit(limit)
    return [(maker, int(number)) for maker, number in db.session.execute(query)]


def maker_choices() -> list[tuple[str, str]]:
    """(slug, public name) of the makers with public products, for the catalog's filter: plain
    rows, not whole makers, so the page does not build an ORM object per maker it lists."""
    with_products = visible_products().with_only_columns(Product.maker_id).distinct()
    rows = db.session.execute(
        select(Maker.slug, Maker.full_name, Maker.chosen_name, Maker.uses_chosen_name)
        .where(Maker.is_listed.is_(True), Maker.id.in_(with_products))
        .order_by(Maker.full_name)
    )
    return [(slug, public_name_of(full, chosen, uses)) for slug, full, chosen, uses in rows]


def active_maker_by_slug(slug: str) -> Maker | None:
    return db.session.scalar(active_makers().where(Maker.slug == slug))


def maker_slug_moved_to(old_slug: str) -> str | None:
    """The current slug of the listed maker whose page had `old_slug`, if any."""
    query = (
        select(Maker.slug)
        .join(MakerOldSlug, MakerOldSlug.maker_id == Maker.id)
        .where(MakerOldSlug.slug == old_slug, Maker.is_listed.is_(True))
    )
    return db.session.scalar(query)


MAKER_PAGE_PRODUCTS = 24  # her newest; the rest are a link to the catalog filtered by her


def maker_products(maker: Maker, limit: int = MAKER_PAGE_PRODUCTS) -> list[Product]:
    query = (
        visible_products()
        .where(Product.maker_id == maker.id)
        .order_by(Product.published_at.desc(), Product.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(with_card_data(query)))
