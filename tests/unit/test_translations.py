"""Both languages are complete: every UI string in the code has an Indonesian translation."""

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
METHODS = [("**.py", "python"), ("**.html", "jinja2"), ("**.txt", "jinja2")]
KEYWORDS = {"_": None, "_l": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None}
OPTIONS = {"**.html": {"extensions": "jinja2.ext.do"}, "**.txt": {"extensions": "jinja2.ext.do"}}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def _source_msgids() -> set[str]:
    found = set()
    for folder in ("storefront", "templates"):
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / folder, METHODS, keywords=KEYWORDS, options_map=OPTIONS
        ):
            found.add(message if isinstance(message, str) else message[0])
    return found


def _catalog():
    with (ROOT / "translations/id/LC_MESSAGES/messages.po").open("rb") as handle:
        return read_po(handle)


def test_extraction_reads_every_template():
    """A template the extractor cannot parse is skipped silently; make sure none is."""
    from jinja2 import Environment

    env = Environment(extensions=["jinja2.ext.i18n", "jinja2.ext.do"], autoescape=True)
    for path in (ROOT / "templates").rglob("*.html"):
        env.parse(path.read_text(encoding="utf-8"))  # raises on a syntax error
    assert "Show products" in _source_msgids()


def test_every_ui_string_has_an_indonesian_translation():
    catalog = _catalog()
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalog
        if m.id and (m.string if isinstance(m.string, str) else all(m.string)) and not m.fuzzy
    }
    missing = sorted(_source_msgids() - translated)
    assert not missing, "Run `make translations-update` and translate:\n" + "\n".join(missing)


def test_translations_keep_every_placeholder():
    for message in _catalog():
        if not message.id or not message.string:
            continue
        source = message.id if isinstance(message.id, str) else message.id[0]
        target = message.string if isinstance(message.string, str) else message.string[0]
        assert set(PLACEHOLDER.findall(source)) == set(PLACEHOLDER.findall(target)) or (
            not isinstance(message.id, str)
        ), source
