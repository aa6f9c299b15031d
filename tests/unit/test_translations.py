"""Both languages are complete: every UI string in the code has an Indonesian translation."""

import functools
import importlib.util
import re
import subprocess
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")
GETTEXT_CALL = re.compile(r"\b(_|_l|gettext|ngettext|lazy_gettext)\(")


def _update_module():
    spec = importlib.util.spec_from_file_location(
        "translations_update", ROOT / "translations/update.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@functools.cache
def _extracted():
    """What `translations/update.py` itself extracts (the same command, into a scratch file)."""
    with tempfile.TemporaryDirectory() as scratch:
        pot = Path(scratch) / "messages.pot"
        subprocess.run(_update_module().extract_command(pot), cwd=ROOT, check=True)
        with pot.open("rb") as handle:
            return read_po(handle)


def _source_msgids() -> set[str]:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in _extracted() if m.id}


def _files_with_ui_strings() -> set[str]:
    found = set()
    for folder in ("storefront", "templates"):
        for path in (ROOT / folder).rglob("*"):
            if "__pycache__" in path.parts or path.suffix not in {".py", ".html", ".txt"}:
                continue
            if GETTEXT_CALL.search(path.read_text(encoding="utf-8")):
                found.add(path.relative_to(ROOT).as_posix())
    return found


def test_extraction_covers_every_directory_with_ui_strings():
    """Babel skips "_"-prefixed folders by default (templates/_macros was never translated)."""
    extracted = {location for m in _extracted() for location, _line in m.locations}
    missing = sorted(_files_with_ui_strings() - extracted)
    assert not missing, "not read by translations/update.py's extraction:\n" + "\n".join(missing)
    assert {"One of a kind", "Sold out", "Page %(page)d of %(pages)d"} <= _source_msgids()


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
