"""Run as a program by test_interpreter_guard.py: seed many makers in one process, then serve the
app (the threaded development server of `make run`) in a fresh one and browse the pages that load
them. On CPython 3.11 the server dies with SIGSEGV (a GC use-after-free in attribute stores,
triggered by SQLAlchemy's weakref callbacks); on 3.12+ it exits 0.

Usage: python gc_smoke_app.py seed DATABASE_URL WORKDIR MAKERS PRODUCTS
       python gc_smoke_app.py serve DATABASE_URL WORKDIR REQUESTS
"""

import sys
import threading
import urllib.request
from pathlib import Path

from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from config import TestConfig  # noqa: E402
from storefront import create_app  # noqa: E402
from storefront.catalog.models import Category, ListingStatus, Product  # noqa: E402
from storefront.database import utcnow  # noqa: E402
from storefront.extensions import db  # noqa: E402
from storefront.makers.models import Maker  # noqa: E402


def _config(database_url: str, workdir: Path) -> type:
    class SmokeConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = database_url
        INSTANCE_DIR = str(workdir)
        UPLOAD_DIR = str(workdir / "uploads")
        MAIL_DIR = str(workdir / "mail")
        RATELIMIT_ENABLED = False

    return SmokeConfig


def seed(makers: int, products: int) -> None:
    category = Category(slug="smoke-bags", name_id="Tas", name_en="Bags")
    people = [
        Maker(slug=f"smoke-maker-{n}", full_name=f"Ibu Pembuat {n}", story_id=f"Cerita {n}")
        for n in range(makers)
    ]
    db.session.add(category)
    db.session.add_all(people)
    db.session.flush()
    db.session.add_all(
        Product(
            maker=people[(n * 7) % makers],
            category=category,
            slug=f"smoke-bag-{n}",
            title_id=f"Tas Anyaman {n}",
            title_en=f"Woven Bag {n}",
            price_idr=100_000 + n * 1_000,
            stock=2,
            plastic_grams=150,
            status=ListingStatus.LIVE,
            published_at=utcnow(),
        )
        for n in range(products)
    )
    db.session.commit()


def serve_and_browse(app, requests: int) -> int:
    # The development server `make run` uses (threaded), on a free port of this machine.
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        for n in range(requests):
            for path in ("/products", f"/products?page={1 + n % 4}", "/makers"):
                with urllib.request.urlopen(base + path, timeout=30) as response:  # noqa: S310
                    response.read()
                    if response.status != 200:
                        print(f"{path} answered {response.status}", flush=True)
                        return 1
    finally:
        server.shutdown()
    print(f"ok: {requests} rounds of /products and /makers", flush=True)
    return 0


def main() -> int:
    command, database_url, workdir = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    numbers = [int(value) for value in sys.argv[4:]]
    app = create_app(_config(database_url, workdir))
    if command == "seed":
        with app.app_context():
            seed(*numbers)
        print(f"seeded {numbers[0]} makers and {numbers[1]} products", flush=True)
        return 0
    return serve_and_browse(app, numbers[0])


if __name__ == "__main__":
    raise SystemExit(main())
