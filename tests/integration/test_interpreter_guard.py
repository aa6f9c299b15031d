"""The shop runs only on CPython 3.12 or newer: 3.11's GC use-after-free kills the server."""

import subprocess
import sys
from pathlib import Path

import pytest

from storefront import create_app
from storefront.catalog.models import Product
from storefront.extensions import db
from storefront.makers.models import Maker

SMOKE = Path(__file__).with_name("gc_smoke_app.py")


def test_suite_runs_on_python_312_or_newer():
    assert sys.version_info >= (3, 12), sys.version


def test_app_refuses_to_start_on_python_311(monkeypatch):
    monkeypatch.setattr(sys, "version_info", (3, 11, 7, "final", 0))
    with pytest.raises(RuntimeError, match=r"3\.12 or newer"):
        create_app("test")


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SMOKE), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_many_makers_browsed_through_the_server_exits_cleanly(app, tmp_path):
    """1,000 makers and 100 products, then 40 rounds of the catalog and the makers page against
    the development server in a fresh process: on 3.11 it dies with SIGSEGV (return code -11)."""
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    seeded = _run("seed", url, str(tmp_path), "1000", "100")
    assert seeded.returncode == 0, seeded.stderr[-3000:]
    assert db.session.query(Maker).count() == 1000
    assert db.session.query(Product).count() == 100
    served = _run("serve", url, str(tmp_path), "40")
    assert served.returncode == 0, (served.returncode, served.stdout, served.stderr[-3000:])
    assert "ok: 40 rounds" in served.stdout


MAKEFILE = Path(__file__).resolve().parents[2] / "Makefile"
OLD_PYTHON = '#!/bin/sh\nif [ "$1" = --version ]; then echo "Python 3.11.7"; exit 0; fi\nexit 1\n'


def _fake_python(path: Path) -> Path:
    """An interpreter that says it is 3.11.7 and fails the version check, as 3.11 does."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(OLD_PYTHON)
    path.chmod(0o755)
    return path


def _make_python_check(workdir: Path, python: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "-s", "-f", str(MAKEFILE), "-C", str(workdir), "python-check", f"PYTHON={python}"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_make_refuses_a_python_older_than_312_and_says_what_to_install(tmp_path):
    old = _fake_python(tmp_path / "bin" / "python3.11")
    result = _make_python_check(tmp_path, str(old))
    assert result.returncode != 0
    assert "needs CPython 3.12 or newer" in result.stdout
    assert "Python 3.11.7" in result.stdout
    assert "garbage-collector use-after-free" in result.stdout
    assert "pyenv install 3.13" in result.stdout


def test_make_refuses_a_venv_that_python_311_built(tmp_path):
    _fake_python(tmp_path / ".venv" / "bin" / "python")
    result = _make_python_check(tmp_path, sys.executable)
    assert result.returncode != 0
    assert ".venv was built with Python 3.11.7" in result.stdout
    assert "make clean && make run" in result.stdout


def test_make_accepts_this_interpreter(tmp_path):
    assert _make_python_check(tmp_path, sys.executable).returncode == 0
