import pytest

from storefront.validation import parse_id


@pytest.mark.parametrize(
    ("text", "expected"), [("1", 1), (" 42 ", 42), (7, 7), ("999999999", 999999999)]
)
def test_parse_id_reads_ascii_digits(text, expected):
    assert parse_id(text) == expected


@pytest.mark.parametrize("text", [None, "", "abc", "-1", "1.5", "٣", "1e3", "9" * 10, "2 3"])
def test_parse_id_refuses_anything_a_row_id_cannot_be(text):
    assert parse_id(text) is None
