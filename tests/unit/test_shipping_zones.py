"""SHIPPING_ABROAD_ZONES: 'CODES=FEE' zones, '*' for every other country, Indonesia never abroad."""

import pytest

from config import DEFAULT_SHIPPING_ABROAD_ZONES, parse_shipping_zones


def test_zones_give_each_country_its_fee_and_star_the_rest():
    fees = parse_shipping_zones("sg, MY=150000; *=400000")
    assert fees == {"SG": 150_000, "MY": 150_000, "*": 400_000}


def test_indonesia_is_never_a_zone_abroad():
    assert "ID" not in parse_shipping_zones("ID,SG=1000")


def test_the_default_ships_everywhere():
    assert "*" in parse_shipping_zones(DEFAULT_SHIPPING_ABROAD_ZONES)


@pytest.mark.parametrize("text", ["SG=", "SG=15.000", "SGP=1000", "S1=1000"])
def test_a_malformed_zone_is_refused_at_start(text):
    with pytest.raises(ValueError, match="SHIPPING_ABROAD_ZONES"):
        parse_shipping_zones(text)
