"""Product search on the database's own engine, behind one function: `search()`.

Every word of the query must match (any order, prefix of a word, case and accents ignored) in a
product's title, description, materials, category or her PUBLIC name (never her legal name), in
both languages. PostgreSQL: `to_tsvector('simple', body)` with a GIN index, ranked by ts_rank;
"did you mean" from pg_trgm similarity. SQLite: the FTS5 table product_search_fts (kept in sync with
product_search by triggers), ranked by bm25; "did you mean" from its fts5vocab table.

product_search holds one folded document per PUBLIC product. It is written here, after every ORM
flush that touched a product, a maker or a category, so no service can forget it.
"""

import difflib
from dataclasses import dataclass

from sqlalchemy import Select, delete, event, func, insert, literal_column, select, text
from sqlalchemy.orm import Session

from storefront.catalog.models import Category, ListingStatus, Product, ProductSearch
from storefront.catalog.search_text import document, words
from storefront.extensions import db
from storefront.makers.models import Maker, public_name_of

# Created by migration 0018 in the database's own search engine, not described by the models:
# autogenerate must leave them alone (migrations/env.py, tests/integration/test_migrations.py).
ENGINE_OBJECTS = ("ix_product_search_tsv", "ix_product_search_trgm")
ENGINE_TABLE_PREFIXES = ("product_search_fts", "product_search_vocab")


def is_engine_object(name: str | None) -> bool:
    return name is not None and (name in ENGINE_OBJECTS or name.startswith(ENGINE_TABLE_PREFIXES))


SUGGEST_CUTOFF = 0.6  # difflib ratio on SQLite
TRIGRAM_CUTOFF = 0.3  # pg_trgm similarity on PostgreSQL


def _document_rows(connection, product_ids: set[int]):
    query = (
        select(
            Product.id,
            Product.status,
            Maker.is_listed,
            Product.title_id,
            Product.title_en,
            Category.name_id,
            Category.name_en,
            Maker.full_name,
            Maker.chosen_name,
            Maker.uses_chosen_name,
            Product.materials_id,
            Product.materials_en,
            Product.description_id,
            Product.description_en,
        )
        .join(Maker, Maker.id == Product.maker_id)
        .join(Category, Category.id == Product.category_id)
        .where(Product.id.in_(product_ids))
    )
    return connection.execute(query).all()


def reindex(connection, product_ids: set[int]) -> None:
    """Rewrite the search documents of these products (none for a product that is not public)."""
    if not product_ids:
        return
    connection.execute(delete(ProductSearch).where(ProductSearch.product_id.in_(product_ids)))
    documents = []
    for row in _document_rows(connection, product_ids):
        if row.status != ListingStatus.LIVE or not row.is_listed:
            continue
        name = public_name_of(row.full_name, row.chosen_name, row.uses_chosen_name)
        # The title twice: a word in the title ranks above the same word in a description.
        body = document(
            row.title_id, row.title_en, row.title_id, row.title_en, row.name_id, row.name_en,
            name, row.materials_id, row.materials_en, row.description_id, row.description_en,
        )  # fmt: skip
        documents.append({"product_id": row.id, "body": body})
    if documents:
        connection.execute(insert(ProductSearch), documents)


@event.listens_for(Session, "after_flush")
def _keep_in_sync(session: Session, _context) -> None:
    touched = [*session.new, *session.dirty]
    product_ids = {o.id for o in touched if isinstance(o, Product)}
    maker_ids = {o.id for o in touched if isinstance(o, Maker)}
    category_ids = {o.id for o in touched if isinstance(o, Category)}
    connection = session.connection()
    if maker_ids or category_ids:
        product_ids |= set(
            connection.scalars(
                select(Product.id).where(
                    Product.maker_id.in_(maker_ids) | Product.category_id.in_(category_ids)
                )
            )
        )
    reindex(connection, product_ids)


def _is_postgres() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


def search(query: Select, q: str) -> tuple[Select, list]:
    """`query` (of Product) narrowed to products matching every word of `q`, and the ORDER BY
    clauses that put the best match first."""
    terms = words(q)
    if not terms:
        return (query.where(literal_column("1") == 0) if q.strip() else query), []
    if _is_postgres():
        tsquery = func.to_tsquery("simple", " & ".join(f"{term}:*" for term in terms))
        vector = func.to_tsvector("simple", ProductSearch.body)
        rank = func.ts_rank(vector, tsquery)
        matched = query.join(ProductSearch, ProductSearch.product_id == Product.id)
        return matched.where(vector.op("@@")(tsquery)), [rank.desc()]
    match = " ".join(f'"{term}"*' for term in terms)
    hits = (
        select(
            literal_column("rowid").label("product_id"),
            literal_column("bm25(product_search_fts)").label("rank"),
        )
        .select_from(text("product_search_fts"))
        .where(text("product_search_fts MATCH :match").bindparams(match=match))
        .subquery()
    )
    # bm25 is lower for a better match.
    return query.join(hits, hits.c.product_id == Product.id), [hits.c.rank.asc()]


@dataclass(frozen=True)
class Suggestion:
    query: str


def _closest(term: str) -> str | None:
    if _is_postgres():
        stat = text(
            "SELECT word FROM ts_stat('SELECT to_tsvector(''simple'', body) FROM product_search') "
            "WHERE similarity(word, :term) >= :cutoff ORDER BY similarity(word, :term) DESC, "
            "ndoc DESC, word LIMIT 1"
        )
        found: str | None = db.session.scalar(stat, {"term": term, "cutoff": TRIGRAM_CUTOFF})
        return found
    vocabulary = list(db.session.scalars(text("SELECT term FROM product_search_vocab")))
    close = difflib.get_close_matches(term, vocabulary, n=1, cutoff=SUGGEST_CUTOFF)
    return close[0] if close else None


def did_you_mean(q: str) -> Suggestion | None:
    """A corrected query when `q` found nothing: each word replaced by the closest indexed word."""
    terms = words(q)
    if not terms:
        return None
    corrected = [_closest(term) or term for term in terms]
    if corrected == terms:
        return None
    return Suggestion(" ".join(corrected))
