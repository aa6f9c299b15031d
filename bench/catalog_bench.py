"""Benchmark the public pages as the catalog grows (run: `make bench`).

Builds a throwaway SQLite database per catalog size, then times each page through the WSGI app
(no network) and counts its SQL statements. Prints a Markdown table; paste it into README.md.
Compare rows of one run with each other: absolute times depend on the machine.
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image
from sqlalchemy import event

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from config import TestConfig
from storefront import create_app
from storefront.catalog.models import Category, ListingStatus, Product, ProductPhoto
from storefront.database import utcnow
from storefront.extensions import db
from storefront.makers.models import Maker
from storefront.media.images import store_image
from storefront.media.storage import get_storage

SIZES = (100, 1000, 5000)
RUNS = 30
PAGES = ("/", "/products", "/products?sort=price_asc&q=tas", "/products/{slug}", "/makers/{maker}")


def build(size: int, folder: Path):
    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{folder / 'bench.sqlite3'}"
        INSTANCE_DIR = str(folder)
        UPLOAD_DIR = str(folder / "uploads")

    app = create_app(Config)
    with app.app_context():
        db.create_all()
        stored = store_image(get_storage(), Image.new("RGB", (1200, 900), (15, 110, 92)))
        makers = [Maker(slug=f"maker-{i}", full_name=f"Ibu Maker {i}") for i in range(20)]
        categories = [Category(slug=f"c{i}", name_id=f"K{i}", name_en=f"C{i}") for i in range(6)]
        db.session.add_all(makers + categories)
        for i in range(size):
            product = Product(
                maker=makers[i % 20],
                category=categories[i % 6],
                slug=f"tas-{i}",
                title_id=f"Tas anyaman {i}",
                price_idr=35_000 + (i * 5_000) % 400_000,
                stock=i % 5,
                status=ListingStatus.LIVE,
                published_at=utcnow(),
            )
            product.photos = [
                ProductPhoto(position=n, key=stored.key, width=1200, height=900) for n in range(2)
            ]
            db.session.add(product)
        db.session.commit()
    return app


def measure(app, url: str) -> tuple[float, int]:
    client = app.test_client()
    client.get(url)
    statements = []
    with app.app_context():
        engine = db.engine
    listener = lambda *args: statements.append(1)  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    client.get(url)
    event.remove(engine, "before_cursor_execute", listener)
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(timings), len(statements)


def main() -> None:
    rows = []
    for size in SIZES:
        with tempfile.TemporaryDirectory() as tmp:
            app = build(size, Path(tmp))
            for page in PAGES:
                url = page.format(slug=f"tas-{size // 2}", maker="maker-3")
                median_ms, queries = measure(app, url)
                rows.append((size, page, median_ms, queries))
    print("| products | page | median ms | SQL statements |")
    print("|---:|---|---:|---:|")
    for size, page, median_ms, queries in rows:
        print(f"| {size} | `{page}` | {median_ms:.1f} | {queries} |")


if __name__ == "__main__":
    main()
