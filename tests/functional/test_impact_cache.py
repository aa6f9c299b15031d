"""The impact figures live in the shared cache (Flask-Caching), under "impact:" keys, and are
recomputed after a sale, refund or payout commits, on every instance that shares the cache."""

from datetime import date
from types import SimpleNamespace
from uuid import uuid4

import pytest

from config import TestConfig
from storefront.earnings.services import record_payout, record_refund
from storefront.extensions import cache, db
from storefront.impact import queries
from tests.factories import make_maker, make_sold_order
from tests.s3_fixtures import free_port

REDIS_DB2 = "redis://127.0.0.1:6379/2"


@pytest.fixture
def computed(app, monkeypatch):
    """How often the figures were computed; caching on for the test."""
    monkeypatch.setitem(app.config, "IMPACT_CACHE_SECONDS", 60)
    calls = []
    real = queries.totals

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(queries, "totals", counting)
    return calls


def test_the_figures_are_computed_once_and_kept_in_the_shared_cache(client, computed):
    assert client.get("/impact").status_code == 200
    assert client.get("/impact").status_code == 200
    assert len(computed) == 1


def test_a_sale_drops_the_figures(client, computed):
    client.get("/impact")
    make_sold_order([(make_maker(), 150_000, 1)])
    client.get("/impact")
    client.get("/impact")
    assert len(computed) == 2


def test_a_refund_drops_the_figures(client, computed):
    order = make_sold_order([(make_maker(), 150_000, 1)])
    client.get("/impact")
    record_refund(order, 150_000, "re_cache")
    db.session.commit()
    client.get("/impact")
    assert len(computed) == 2


def test_a_payout_drops_the_figures(client, computed):
    maker = make_maker()
    make_sold_order([(maker, 150_000, 1)])
    client.get("/impact")
    record_payout(maker, 10_000, paid_on=date(2026, 1, 5), method="cash")
    client.get("/impact")
    assert len(computed) == 2


def test_a_rolled_back_posting_keeps_the_figures(client, computed):
    order = make_sold_order([(make_maker(), 150_000, 1)])
    client.get("/impact")
    record_refund(order, 150_000, "re_rolled_back")
    db.session.rollback()
    db.session.commit()  # a later commit with nothing posted drops nothing
    client.get("/impact")
    assert len(computed) == 1


def _redis_config(app, url: str, prefix: str) -> type:
    shared = ("SQLALCHEMY_DATABASE_URI", "INSTANCE_DIR", "UPLOAD_DIR", "MAIL_DIR")
    return type(
        "RedisCacheConfig",
        (TestConfig,),
        {
            **{name: app.config[name] for name in shared},
            "CACHE_TYPE": "RedisCache",
            "CACHE_REDIS_URL": url,
            "CACHE_KEY_PREFIX": prefix,
            "CACHE_OPTIONS": {"socket_timeout": 2, "socket_connect_timeout": 2},
            "IMPACT_CACHE_SECONDS": 60,
        },
    )


def _figures(instance) -> str:
    page = instance.test_client().get("/impact", headers={"Accept-Language": "en"}).text
    return page[page.index("<main") : page.index("</main>")]


def test_two_instances_on_one_redis_agree_after_a_sale(app, build_app):
    config = _redis_config(app, REDIS_DB2, f"test-{uuid4().hex[:8]}:")
    first, second = build_app(config), build_app(config)
    maker = make_maker()
    make_sold_order([(maker, 150_000, 1)])
    seller = SimpleNamespace(id=maker.id, full_name=maker.full_name)  # no lazy load elsewhere
    try:
        before_a = _figures(first)
        before_b = _figures(second)
        assert before_a == before_b
        with second.app_context():  # the sale is posted through the second instance
            make_sold_order([(seller, 275_000, 1)])
        after_a = _figures(first)
        after_b = _figures(second)
        assert after_a == after_b != before_a
    finally:
        with first.app_context():
            cache.clear()


def test_the_impact_page_works_when_the_cache_is_down(app, build_app):
    dead = build_app(_redis_config(app, f"redis://127.0.0.1:{free_port()}/0", "dead:"))
    make_sold_order([(make_maker(), 150_000, 1)])
    assert dead.test_client().get("/impact").status_code == 200
