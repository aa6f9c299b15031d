"""Probe pages of an existing database (INSTANCE_DIR / DATABASE_URL as for `flask`): for each page,
as a guest or signed in as the demo admin, maker or sponsor, the median time over a few requests
through the WSGI app (page cache off), the SQL statements and the bytes of HTML.

    INSTANCE_DIR=... .venv/bin/python bench/probe.py [--runs 3] [URL ...]
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

from sqlalchemy import event, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from storefront import create_app
from storefront.auth.models import User
from storefront.auth.sessions import open_session
from storefront.catalog.models import Product
from storefront.extensions import db
from storefront.makers.models import Maker

PAGES = [
    ("guest", "/"),
    ("guest", "/products"),
    ("guest", "/products?sort=price_asc&min_price=60000&q=tas"),
    ("guest", "/products/{slug}"),
    ("guest", "/makers"),
    ("guest", "/makers/{maker}"),
    ("guest", "/impact"),
    ("sponsor", "/reports"),
    ("maker", "/maker/"),
    ("maker", "/maker/listings/"),
    ("admin", "/admin/"),
    ("admin", "/admin/orders/"),
    ("admin", "/admin/payouts/"),
    ("admin", "/admin/payouts/history"),
    ("admin", "/admin/listings/"),
    ("admin", "/admin/users/"),
    ("admin", "/admin/audit"),
    ("customer", "/account/"),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--show", action="store_true", help="print each SQL statement")
    parser.add_argument("urls", nargs="*")
    args = parser.parse_args()
    app = create_app()
    app.config["PAGE_CACHE_SECONDS"] = 0
    app.config["RATELIMIT_ENABLED"] = False
    with app.app_context():
        product = db.session.scalars(select(Product).where(Product.status == "live")).first()
        maker = db.session.scalars(select(Maker).order_by(Maker.id)).first()
        users = {u.role: u for u in db.session.scalars(select(User).order_by(User.id.desc()))}
        slug, maker_slug = product.slug, maker.slug
        clients = {"guest": app.test_client()}
        for role, user in users.items():
            client = app.test_client()
            open_session(user)
            db.session.commit()
            with client.session_transaction() as session:
                session["_user_id"] = user.get_id()
                session["_fresh"] = True
            clients[role] = client
    pages = [tuple(u.split(":", 1)) if ":" in u else ("guest", u) for u in args.urls] or PAGES
    statements: list[str] = []
    print("| who | page | ms (median) | SQL | KB |")
    print("|---|---|---:|---:|---:|")
    for role, url in pages:
        url = url.format(slug=slug, maker=maker_slug)
        client = clients.get(role)
        if client is None:
            continue
        times = []
        for _ in range(args.runs):
            statements.clear()
            with app.app_context():
                engine = db.engine
            listener = lambda *a: statements.append(a[2])  # noqa: E731
            event.listen(engine, "before_cursor_execute", listener)
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            event.remove(engine, "before_cursor_execute", listener)
        size = len(response.get_data()) / 1024
        if args.show:
            for statement in statements:
                print("   ", " ".join(statement.split())[:160])
        print(
            f"| {role} | `{url}` | {statistics.median(times):.0f} | {len(statements)} "
            f"| {size:.0f} | {response.status_code if response.status_code != 200 else ''}"
        )


if __name__ == "__main__":
    main()
