"""buyers: product search index (PostgreSQL tsvector + pg_trgm, SQLite FTS5), makers' old slugs
(public slugs from the public name only), and the order's country

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-01 11:45:00

"""

import sqlalchemy as sa
from alembic import op
from slugify import slugify

from storefront.catalog.search_text import document

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

SQLITE_FTS = [
    "CREATE VIRTUAL TABLE product_search_fts USING fts5(body, content='product_search', "
    "content_rowid='product_id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE product_search_vocab USING fts5vocab(product_search_fts, 'row')",
    "CREATE TRIGGER product_search_ai AFTER INSERT ON product_search BEGIN "
    "INSERT INTO product_search_fts(rowid, body) VALUES (new.product_id, new.body); END",
    "CREATE TRIGGER product_search_ad AFTER DELETE ON product_search BEGIN "
    "INSERT INTO product_search_fts(product_search_fts, rowid, body) "
    "VALUES ('delete', old.product_id, old.body); END",
    "CREATE TRIGGER product_search_au AFTER UPDATE ON product_search BEGIN "
    "INSERT INTO product_search_fts(product_search_fts, rowid, body) "
    "VALUES ('delete', old.product_id, old.body); "
    "INSERT INTO product_search_fts(rowid, body) VALUES (new.product_id, new.body); END",
]


def _public_name(full_name, chosen_name, uses_chosen_name):
    if uses_chosen_name and chosen_name:
        return chosen_name
    return (full_name or "maker").split()[0]


def _reslug_makers(bind):
    """Slugs were made from the full legal name: remake them from the public name, keep the old."""
    rows = bind.execute(
        sa.text("SELECT id, slug, full_name, chosen_name, uses_chosen_name FROM maker ORDER BY id")
    ).all()
    taken = {row.slug for row in rows}
    for row in rows:
        base = slugify(_public_name(row.full_name, row.chosen_name, row.uses_chosen_name))
        base = base[:70] or "maker"
        if row.slug == base or (row.slug.startswith(base + "-") and row.slug[len(base) + 1 :].isdigit()):
            continue
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        bind.execute(
            sa.text("INSERT INTO maker_old_slug (slug, maker_id) VALUES (:slug, :id)"),
            {"slug": row.slug, "id": row.id},
        )
        bind.execute(sa.text("UPDATE maker SET slug = :slug WHERE id = :id"), {"slug": slug, "id": row.id})


def _index_products(bind):
    rows = bind.execute(
        sa.text(
            "SELECT p.id, p.title_id, p.title_en, p.description_id, p.description_en, "
            "p.materials_id, p.materials_en, c.name_id, c.name_en, m.full_name, m.chosen_name, "
            "m.uses_chosen_name FROM product p JOIN maker m ON m.id = p.maker_id "
            "JOIN category c ON c.id = p.category_id WHERE p.status = 'live' AND m.is_listed"
        )
    ).all()
    for r in rows:
        body = document(
            r.title_id, r.title_en, r.title_id, r.title_en, r.name_id, r.name_en,
            _public_name(r.full_name, r.chosen_name, r.uses_chosen_name),
            r.materials_id, r.materials_en, r.description_id, r.description_en,
        )  # fmt: skip
        bind.execute(
            sa.text("INSERT INTO product_search (product_id, body) VALUES (:id, :body)"),
            {"id": r.id, "body": body},
        )


def upgrade():
    bind = op.get_bind()
    op.create_table(
        "maker_old_slug",
        sa.Column("slug", sa.String(80), primary_key=True),
        sa.Column(
            "maker_id",
            sa.Integer(),
            sa.ForeignKey("maker.id", name="fk_maker_old_slug_maker_id_maker", ondelete="CASCADE"),
            nullable=False,
        ),
    )
    op.create_index("ix_maker_old_slug_maker_id", "maker_old_slug", ["maker_id"])
    op.create_table(
        "product_search",
        sa.Column(
            "product_id",
            sa.Integer(),
            sa.ForeignKey(
                "product.id", name="fk_product_search_product_id_product", ondelete="CASCADE"
            ),
            primary_key=True,
        ),
        sa.Column("body", sa.Text(), nullable=False, server_default=""),
    )
    if bind.dialect.name == "postgresql":
        available = bind.execute(
            sa.text("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        ).scalar()
        if not available:  # Debian/Ubuntu: in postgresql-contrib (part of the server package)
            raise RuntimeError("PostgreSQL's pg_trgm extension is not installed on this server")
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute(
            "CREATE INDEX ix_product_search_tsv ON product_search "
            "USING gin (to_tsvector('simple', body))"
        )
        op.execute(
            "CREATE INDEX ix_product_search_trgm ON product_search USING gin (body gin_trgm_ops)"
        )
    else:
        for statement in SQLITE_FTS:
            op.execute(statement)
    with op.batch_alter_table("shop_order") as batch:
        batch.add_column(sa.Column("country", sa.String(2), nullable=False, server_default="ID"))
        batch.alter_column("postal_code", type_=sa.String(12), existing_type=sa.String(5))
    _reslug_makers(bind)
    _index_products(bind)


def downgrade():
    bind = op.get_bind()
    with op.batch_alter_table("shop_order") as batch:
        batch.alter_column("postal_code", type_=sa.String(5), existing_type=sa.String(12))
        batch.drop_column("country")
    if bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_product_search_trgm")
        op.execute("DROP INDEX IF EXISTS ix_product_search_tsv")
        # Dropped unless something else in the database (another migration's index) uses it.
        op.execute(
            "DO $$ BEGIN DROP EXTENSION IF EXISTS pg_trgm; "
            "EXCEPTION WHEN dependent_objects_still_exist THEN NULL; END $$"
        )
    else:
        for name in ("product_search_au", "product_search_ad", "product_search_ai"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS product_search_vocab")
        op.execute("DROP TABLE IF EXISTS product_search_fts")
    op.drop_table("product_search")
    op.drop_index("ix_maker_old_slug_maker_id", table_name="maker_old_slug")
    op.drop_table("maker_old_slug")
