"""NFC and the invisible characters taken out of names and titles."""

import pytest

from storefront.text import BIDI_CONTROLS, ZERO_WIDTH, clean_name, nfc


@pytest.mark.parametrize("mark", list(BIDI_CONTROLS + ZERO_WIDTH), ids=lambda c: f"U+{ord(c):04X}")
def test_each_invisible_character_is_removed_from_a_name(mark):
    assert clean_name(f"Si{mark}ti") == "Siti"


def test_a_name_is_also_put_in_nfc_after_the_marks_are_gone():
    assert clean_name("Re\u200b\u0301ni") == "R\u00e9ni"  # the accent joins its letter


def test_visible_text_and_newlines_are_left_alone():
    text = "Tas 'Ceria' #2 \u2014 100% daur ulang\nBaris dua"
    assert clean_name(text) == nfc(text) == text


def test_non_text_values_pass_through():
    assert nfc(None) is None and clean_name(None) is None and nfc(3) == 3
