"""The ready date of made-to-order pieces from a maker's lead time, weekly capacity and queue."""

from datetime import date

from storefront.orders.making import DEFAULT_LEAD_DAYS, ready_on

TODAY = date(2026, 12, 1)


def test_under_capacity_the_date_is_the_lead_time():
    assert ready_on(TODAY, 10, 5, units_ahead=3, quantity=2) == date(2026, 12, 11)


def test_beyond_capacity_each_full_week_moves_the_date_a_week():
    assert ready_on(TODAY, 10, 5, units_ahead=4, quantity=2) == date(2026, 12, 18)
    assert ready_on(TODAY, 10, 5, units_ahead=10, quantity=1) == date(2026, 12, 25)


def test_without_a_capacity_only_the_lead_time_counts():
    assert ready_on(TODAY, 7, None, units_ahead=100, quantity=3) == date(2026, 12, 8)


def test_without_a_lead_time_the_default_is_used():
    assert (ready_on(TODAY, None, None, 0, 1) - TODAY).days == DEFAULT_LEAD_DAYS
