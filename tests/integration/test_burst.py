"""A launch-day burst against the server `make run` starts (`flask run`, threaded, its own
process): 300 shoppers arrive within 5 s, browse, add to cart and look at the cart. The server
must stay up (on CPython 3.11 it died with SIGSEGV) and answer every request without a 5xx."""

import os
import re
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

SMOKE = Path(__file__).with_name("gc_smoke_app.py")
ROOT = Path(__file__).resolve().parents[2]
SHOPPERS = 300
ARRIVAL_SECONDS = 5.0
TIMEOUT = 120  # seconds a shopper waits for one page in the queue (two shared cores)
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_server(database_url: str, workdir: Path, port: int, log) -> subprocess.Popen:
    env = {
        **os.environ,
        "APP_ENV": "development",
        "DATABASE_URL": database_url,
        "INSTANCE_DIR": str(workdir),
        "LOG_LEVEL": "WARNING",
    }
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "run", "--port", str(port)]
    server = subprocess.Popen(  # the command `make run` ends with
        command, cwd=ROOT, env=env, stdout=log, stderr=log
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return server
        except requests.ConnectionError:
            assert server.poll() is None, "the server stopped at start-up"
            time.sleep(0.2)
    server.kill()
    raise AssertionError("the server did not start")


def _send(browser: requests.Session, method: str, url: str, **kwargs) -> requests.Response:
    """One page, reloaded like a shopper would when the connection drops (the development
    server's listen queue holds 128 connections); a dead server refuses every try."""
    for attempt in range(3):
        try:
            return browser.request(method, url, timeout=TIMEOUT, **kwargs)
        except requests.ConnectionError:
            if attempt == 2:
                raise
            time.sleep(1 + attempt)
    raise AssertionError("unreachable")


def _shopper(base: str, n: int, start: float) -> list[int]:
    time.sleep(max(0.0, start + n * ARRIVAL_SECONDS / SHOPPERS - time.monotonic()))
    statuses = []
    with requests.Session() as browser:
        first = f"{base}/products?page={1 + n % 4}" if n % 3 == 0 else f"{base}/"
        statuses.append(_send(browser, "GET", first).status_code)
        slug = f"smoke-bag-{n % 100}"
        product = _send(browser, "GET", f"{base}/products/{slug}")
        statuses.append(product.status_code)
        token = CSRF.search(product.text)
        form = {"product_id": product_id(product.text), "quantity": "1"}
        if token:
            form["csrf_token"] = token.group(1)
        # A guest's product page has no token (it is cached): like a browser, say where from.
        origin = {"Origin": base}
        added = _send(browser, "POST", f"{base}/cart/add", data=form, headers=origin)
        statuses.append(added.status_code)
        statuses.append(_send(browser, "GET", f"{base}/cart").status_code)
    return statuses


def product_id(page: str) -> str:
    found = re.search(r'name="product_id"[^>]*value="(\d+)"', page)
    return found.group(1) if found else ""


def test_three_hundred_shoppers_in_five_seconds_do_not_crash_the_server(app, tmp_path):
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    seeded = subprocess.run(
        [sys.executable, str(SMOKE), "seed", url, str(tmp_path), "1000", "100"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert seeded.returncode == 0, seeded.stderr[-2000:]
    port = _free_port()
    log_path = tmp_path / "server.log"
    with log_path.open("wb") as log:
        server = _start_server(url, tmp_path, port, log)
    try:
        start = time.monotonic()
        with ThreadPoolExecutor(max_workers=SHOPPERS) as pool:
            results = list(
                pool.map(lambda n: _shopper(f"http://127.0.0.1:{port}", n, start), range(SHOPPERS))
            )
        assert server.poll() is None, f"the server died: {server.returncode}"
    finally:
        server.terminate()
        server.wait(timeout=30)
    stderr = log_path.read_text(errors="replace")
    statuses = [status for shopper in results for status in shopper]
    assert len(statuses) == SHOPPERS * 4
    assert all(status == 200 for status in statuses), sorted(set(statuses))
    assert "Segmentation fault" not in stderr
    assert "Traceback" not in stderr, stderr[-3000:]
