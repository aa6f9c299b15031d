"""The committed migrations build exactly the schema the models describe, on both databases."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import Migrate

from storefront.catalog.search import is_engine_object
from storefront.extensions import db


def _not_a_search_engine_object(name, _type, _parent_names):
    """FTS5 tables and the tsvector/trigram indexes are the search engine's (migration 0018)."""
    return not is_engine_object(name)


def test_migrations_match_the_models(app):
    with db.engine.connect() as connection:
        opts = {"compare_type": True, "include_name": _not_a_search_engine_object}
        context = MigrationContext.configure(connection, opts=opts)
        diff = compare_metadata(context, db.metadata)
    assert diff == [], f"Models and migrations differ; write a migration for: {diff}"


def test_migrations_form_a_single_line_of_history(app):
    config = app.extensions["migrate"].migrate.get_config()
    heads = ScriptDirectory.from_config(config).get_heads()
    assert len(heads) == 1, f"several migration heads: {heads}"


def test_migrate_extension_is_configured(app):
    assert isinstance(app.extensions["migrate"].migrate, Migrate)
