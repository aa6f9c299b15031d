"""The listing transition table: the only status changes allowed, each one recorded."""

import pytest

from storefront.audit import AuditEntry
from storefront.catalog.models import ListingStatus as L
from storefront.extensions import db
from storefront.listings.models import TRANSITIONS, InvalidTransition, set_status
from tests.factories import make_product, make_user

ALLOWED = {
    (L.DRAFT, L.PENDING),
    (L.DRAFT, L.ARCHIVED),
    (L.PENDING, L.LIVE),
    (L.PENDING, L.REJECTED),
    (L.PENDING, L.DRAFT),
    (L.PENDING, L.ARCHIVED),
    (L.LIVE, L.REJECTED),
    (L.LIVE, L.ARCHIVED),
    (L.REJECTED, L.DRAFT),
    (L.REJECTED, L.PENDING),
    (L.REJECTED, L.ARCHIVED),
    (L.ARCHIVED, L.DRAFT),
}
ALL_PAIRS = [(a, b) for a in L for b in L]


def test_every_status_has_a_row_in_the_table():
    assert set(TRANSITIONS) == set(L)


def test_table_allows_exactly_the_reviewed_transitions():
    table = {(old, new) for old, targets in TRANSITIONS.items() for new in targets}
    assert table == ALLOWED


@pytest.mark.parametrize(("old", "new"), sorted(ALLOWED))
def test_allowed_transition_changes_status_and_is_audited(app, old, new):
    actor = make_user("admin")
    product = make_product(status=old)
    set_status(product, new, actor_id=actor.id, reason="why")
    db.session.commit()
    entry = db.session.scalar(db.select(AuditEntry))
    assert product.status == new
    assert (entry.actor_id, entry.target_id, entry.reason) == (actor.id, product.id, "why")
    assert entry.details == {"from": old, "to": new}


@pytest.mark.parametrize(("old", "new"), [p for p in ALL_PAIRS if p not in ALLOWED])
def test_any_other_transition_is_refused(app, old, new):
    product = make_product(status=old)
    with pytest.raises(InvalidTransition):
        set_status(product, new, actor_id=None)
    assert product.status == old
    assert db.session.scalar(db.select(AuditEntry)) is None


def test_first_approval_sets_published_at_once(app):
    product = make_product(status=L.PENDING)
    set_status(product, L.LIVE, actor_id=None)
    first = product.published_at
    set_status(product, L.REJECTED, actor_id=None)
    set_status(product, L.PENDING, actor_id=None)
    set_status(product, L.LIVE, actor_id=None)
    assert first is not None and product.published_at == first
