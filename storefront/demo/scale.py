"""`flask seed-scale`: a shop at scale for benchmarks and the "flat at scale" checks: by default
10,000 live products, 1,000 makers and 100,000 paid orders with their ledger postings (sale per
order, a few payouts per maker), added to whatever is there (run seed-demo first for sign-ins).

Rows go in with bulk INSERTs (executemany in chunks, explicit ids, one transaction), not through
the services: about a minute on SQLite or PostgreSQL. Every posting still sums to zero and uses
the same accounts and fee split as earnings.services.record_sale."""

import itertools
import random
import secrets
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select

from storefront.catalog.models import Category, ListingStatus, Product, ProductPhoto
from storefront.database import utcnow
from storefront.earnings import month_totals
from storefront.earnings.models import (
    Account,
    LedgerEntry,
    LedgerError,
    LedgerTransaction,
    Payout,
    PayoutMethod,
    TxKind,
    maker_account,
)
from storefront.extensions import db
from storefront.makers.models import Maker
from storefront.media.images import store_image
from storefront.media.storage import Storage
from storefront.money import fee_split
from storefront.orders.models import Order, OrderLine, OrderStatus

CHUNK = 5_000
DAYS = 730


def _next_id(model) -> int:
    return int(db.session.scalar(select(func.coalesce(func.max(model.id), 0)))) + 1


def _bulk(table: Any, rows: Iterator[dict]) -> int:
    """Insert the rows in this transaction: COPY on PostgreSQL, executemany chunks elsewhere."""
    if db.engine.dialect.name == "postgresql":
        return _copy(table, rows)
    count, batch = 0, []
    for row in rows:
        batch.append(row)
        if len(batch) >= CHUNK:
            db.session.execute(insert(table), batch)
            count += len(batch)
            batch = []
    if batch:
        db.session.execute(insert(table), batch)
        count += len(batch)
    return count


def _copy(table: Any, rows: Iterator[dict]) -> int:
    from psycopg import sql

    first = next(rows, None)
    if first is None:
        return 0
    # COPY skips SQLAlchemy's Python-side defaults (created_at...): fill them in here.
    defaults = {
        column.name: column.default
        for column in table.columns
        if column.name not in first
        and column.default is not None
        and (column.default.is_scalar or column.default.is_callable)
    }
    columns = [*first, *defaults]
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table.name), sql.SQL(", ").join(map(sql.Identifier, columns))
    )
    driver = db.session.connection().connection.driver_connection
    count = 0
    with driver.cursor() as cursor, cursor.copy(statement) as copy:  # type: ignore[union-attr]
        for row in itertools.chain([first], rows):
            for name, default in defaults.items():
                row[name] = default.arg if default.is_scalar else default.arg(None)
            copy.write_row([row[column] for column in columns])
            count += 1
    return count


def _photo(storage: Storage) -> tuple[str, int, int]:
    existing = db.session.scalars(select(ProductPhoto).limit(1)).first()
    if existing is not None:
        return existing.key, existing.width, existing.height
    from PIL import Image

    stored = store_image(storage, Image.new("RGB", (1200, 900), (15, 110, 92)))
    return stored.key, stored.width, stored.height


def seed_scale(storage: Storage, *, makers: int, products: int, orders: int) -> dict[str, int]:
    """Add `makers`, `products` and `orders` (with ledger rows) in one transaction."""
    rng = random.Random("seed-scale")
    now = utcnow()
    tag = secrets.token_hex(3)  # slugs and numbers of a second run do not collide
    created: dict[str, int] = {}

    categories = list(db.session.scalars(select(Category.id)))
    if not categories:
        db.session.add(Category(slug=f"scale-{tag}", name_id="Tas", name_en="Bags"))
        db.session.flush()
        categories = list(db.session.scalars(select(Category.id)))

    first_maker = _next_id(Maker)
    maker_ids = list(range(first_maker, first_maker + makers))
    created["makers"] = _bulk(
        Maker.__table__,
        (
            {
                "id": mid,
                "slug": f"pembuat-{tag}-{n}",
                "full_name": f"Ibu Pembuat {n}",
                "chosen_name": None,
                "uses_chosen_name": False,
                "shows_portrait": False,
                "shows_sales_count": True,
                "shares_income": n % 3 == 0,
                "neighbourhood": "Cilincing",
                "story_id": "Menganyam plastik bekas menjadi tas.",
                "story_en": "Weaves used plastic into bags.",
                "specialty_id": "Tas anyaman",
                "specialty_en": "Woven bags",
                "is_listed": True,
            }
            for n, mid in enumerate(maker_ids)
        ),
    )

    first_product = _next_id(Product)
    product_rows = [
        {
            "id": first_product + n,
            "maker_id": maker_ids[n % makers],
            "category_id": categories[n % len(categories)],
            "slug": f"tas-{tag}-{n}",
            "title_id": f"Tas Anyaman {n}",
            "title_en": f"Woven Bag {n}",
            "description_id": "Dianyam tangan dari plastik bekas.",
            "description_en": "Hand-woven from used plastic.",
            "materials_id": "",
            "materials_en": "",
            "care_id": "",
            "care_en": "",
            "price_idr": 50_000 + 5_000 * rng.randrange(40),
            "stock": rng.randrange(0, 6),
            "is_made_to_order": n % 17 == 0,
            "plastic_grams": 60 + rng.randrange(200),
            "status": ListingStatus.LIVE,
            "is_featured": n % 500 == 0,
            "published_at": now - timedelta(days=rng.randrange(DAYS)),
            "created_at": now,
            "updated_at": now,
        }
        for n in range(products)
    ]
    created["products"] = _bulk(Product.__table__, iter(product_rows))
    key, width, height = _photo(storage)
    first_photo = _next_id(ProductPhoto)
    created["photos"] = _bulk(
        ProductPhoto.__table__,
        (
            {
                "id": first_photo + n,
                "product_id": row["id"],
                "position": 0,
                "key": key,
                "width": width,
                "height": height,
            }
            for n, row in enumerate(product_rows)
        ),
    )

    created.update(_orders(rng, now, tag, product_rows, orders))
    created.update(_payouts(rng, now, maker_ids))
    month_totals.rebuild()  # the bulk rows above bypass the postings that keep them
    db.session.commit()
    _reset_sequences()
    return created


def _orders(rng, now: datetime, tag: str, product_rows: list[dict], count: int) -> dict[str, int]:
    from flask import current_app

    fee_bps = int(current_app.config["PLATFORM_FEE_BPS"])  # new makers have no fee of their own
    first_order, first_line = _next_id(Order), _next_id(OrderLine)
    first_tx, first_entry = _next_id(LedgerTransaction), _next_id(LedgerEntry)
    orders, lines, txs, entries = [], [], [], []
    line_id, entry_id = first_line, first_entry
    for n in range(count):
        order_id, tx_id = first_order + n, first_tx + n
        at = now - timedelta(minutes=rng.randrange(DAYS * 24 * 60))
        picked = [rng.choice(product_rows) for _ in range(1 + (n % 3 == 0))]
        shipping = 15_000
        subtotal = 0
        tx_entries: list[tuple[str, int, int | None, int | None]] = []
        for product in picked:
            total = product["price_idr"]
            subtotal += total
            lines.append(
                {
                    "id": line_id,
                    "order_id": order_id,
                    "product_id": product["id"],
                    "maker_id": product["maker_id"],
                    "title": product["title_id"],
                    "maker_name": "Ibu Pembuat",
                    "unit_price_idr": total,
                    "quantity": 1,
                    "line_total_idr": total,
                    "plastic_grams": product["plastic_grams"],
                    "is_made_to_order": product["is_made_to_order"],
                }
            )
            share, fee = fee_split(total, fee_bps)
            maker_id = product["maker_id"]
            tx_entries.append((maker_account(maker_id), share, maker_id, line_id))
            if fee:
                tx_entries.append((Account.PLATFORM_FEES, fee, product["maker_id"], line_id))
            line_id += 1
        tx_entries.append((Account.CUSTOMER_PAYMENTS, -(subtotal + shipping), None, None))
        tx_entries.append((Account.SHIPPING, shipping, None, None))
        if sum(amount for _, amount, _, _ in tx_entries) != 0:
            raise LedgerError(f"seed-scale posting {order_id} does not balance")
        orders.append(
            {
                "id": order_id,
                "number": f"S{tag}{n:06d}",
                "token": f"{tag}{n:010d}{secrets.token_hex(8)}",
                "status": OrderStatus.DELIVERED,
                "contact_name": "Pembeli",
                "email": f"pembeli{n % 5000}@example.com",
                "phone": f"0812{n % 100000:08d}",
                "street": "Jl. Kenanga 12",
                "area": "Menteng",
                "city": "Jakarta Pusat",
                "province": "DKI Jakarta",
                "postal_code": "10310",
                "subtotal_idr": subtotal,
                "shipping_idr": shipping,
                "total_idr": subtotal + shipping,
                "paid_at": at,
                "created_at": at,
                "updated_at": at,
            }
        )
        txs.append(
            {
                "id": tx_id,
                "reference": f"sale:{order_id}",
                "kind": TxKind.SALE,
                "order_id": order_id,
                "memo": f"S{tag}{n:06d}",
                "created_at": at,
            }
        )
        for account, amount, maker_id, order_line_id in tx_entries:
            entries.append(
                {
                    "id": entry_id,
                    "transaction_id": tx_id,
                    "account": account,
                    "maker_id": maker_id,
                    "order_line_id": order_line_id,
                    "amount_idr": amount,
                }
            )
            entry_id += 1
    return {
        "orders": _bulk(Order.__table__, iter(orders)),
        "order lines": _bulk(OrderLine.__table__, iter(lines)),
        "ledger transactions": _bulk(LedgerTransaction.__table__, iter(txs)),
        "ledger entries": _bulk(LedgerEntry.__table__, iter(entries)),
    }


def _payouts(rng, now: datetime, maker_ids: list[int]) -> dict[str, int]:
    """Three small payouts per maker (each well under what her sales owe her)."""
    first_payout, first_tx = _next_id(Payout), _next_id(LedgerTransaction)
    first_entry = _next_id(LedgerEntry)
    payouts, txs, entries = [], [], []
    for n, (maker_id, round_) in enumerate((m, r) for m in maker_ids for r in range(3)):
        payout_id, tx_id = first_payout + n, first_tx + n
        amount = 10_000 * (1 + rng.randrange(5))
        paid = now - timedelta(days=30 * (round_ + 1))
        payouts.append(
            {
                "id": payout_id,
                "maker_id": maker_id,
                "amount_idr": amount,
                "paid_on": paid.date(),
                "method": PayoutMethod.CASH,
                "provider": "",
                "reference": "",
                "note": "",
                "created_at": paid,
            }
        )
        txs.append(
            {
                "id": tx_id,
                "reference": f"payout:{payout_id}",
                "kind": TxKind.PAYOUT,
                "payout_id": payout_id,
                "memo": "",
                "created_at": paid,
            }
        )
        for k, (account, sign) in enumerate(((maker_account(maker_id), -1), (Account.PAYOUTS, 1))):
            entries.append(
                {
                    "id": first_entry + 2 * n + k,
                    "transaction_id": tx_id,
                    "account": account,
                    "maker_id": maker_id,
                    "order_line_id": None,
                    "amount_idr": sign * amount,
                }
            )
    return {
        "payouts": _bulk(Payout.__table__, iter(payouts)),
        "payout transactions": _bulk(LedgerTransaction.__table__, iter(txs)),
        "payout entries": _bulk(LedgerEntry.__table__, iter(entries)),
    }


def _reset_sequences() -> None:
    """PostgreSQL: explicit ids leave the id sequences behind; move them past the new rows."""
    if db.engine.dialect.name != "postgresql":
        return
    models = (Maker, Product, ProductPhoto, Order, OrderLine)
    for model in (*models, LedgerTransaction, LedgerEntry, Payout):
        highest = select(func.coalesce(func.max(model.id), 1)).scalar_subquery()
        sequence = func.pg_get_serial_sequence(model.__tablename__, "id")
        db.session.execute(select(func.setval(sequence, highest)))
    db.session.commit()
