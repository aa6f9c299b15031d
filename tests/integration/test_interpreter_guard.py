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
