"""Refresh the catalogs: extract every msgid, update id/en, and fill translations from parts/*.po.

Run with `make translations-update`. English is the source language, so the en catalog maps each
msgid to itself; Indonesian comes from the existing catalog or from translations/parts/*.po.
"""

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
POT = HERE / "messages.pot"


def _read(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def _write(catalog, path: Path) -> None:
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False, sort_output=True)


# Babel skips every directory whose name starts with "_" or "." by default, which silently left
# templates/_macros out of the catalogs: ignore only hidden directories and bytecode caches.
IGNORE_DIRS = (".*", "__pycache__")
SOURCES = ("storefront", "templates")
KEYWORDS = ("lazy_gettext", "_l")


def extract_command(pot: Path) -> list[str]:
    """The one pybabel extract invocation (the unit tests run it too)."""
    pybabel = str(Path(sys.executable).parent / "pybabel")
    command = [pybabel, "-q", "extract", "-F", "babel.cfg", "--ignore-dirs", " ".join(IGNORE_DIRS)]
    for keyword in KEYWORDS:
        command += ["-k", keyword]
    return [*command, "-o", str(pot), *SOURCES]


def main() -> int:
    pybabel = str(Path(sys.executable).parent / "pybabel")
    subprocess.run(extract_command(POT), cwd=ROOT, check=True)
    subprocess.run(
        [
            pybabel,
            "-q",
            "update",
            "-i",
            str(POT),
            "-d",
            str(HERE),
            "--no-fuzzy-matching",
            "--ignore-obsolete",
        ],
        cwd=ROOT,
        check=True,
    )
    known = {}
    for part in sorted((HERE / "parts").glob("*.po")):
        for message in _read(part):
            if message.id and message.string:
                known[message.id] = message.string
    indonesian_path = HERE / "id" / "LC_MESSAGES" / "messages.po"
    indonesian = _read(indonesian_path)
    missing = []
    for message in indonesian:
        if not message.id:
            continue
        if message.id in known:
            found = known[message.id]
            # Plural forms: Indonesian has one, whatever the part file was written with.
            message.string = (
                found if isinstance(found, str) else tuple(found)[: indonesian.num_plurals]
            )
        if not (message.string if isinstance(message.id, str) else all(message.string)):
            missing.append(message.id)
    _write(indonesian, indonesian_path)
    english_path = HERE / "en" / "LC_MESSAGES" / "messages.po"
    english = _read(english_path)
    for message in english:
        if message.id:
            message.string = message.id
    _write(english, english_path)
    POT.unlink()
    for msgid in missing:
        print("missing Indonesian:", msgid)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
