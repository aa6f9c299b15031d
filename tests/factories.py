"""Small builders for test data. Each commits, so the rows are visible to the app under test."""

import itertools

from PIL import Image

from storefront.auth.models import Role, User
from storefront.auth.passwords import hash_password
from storefront.catalog.models import Category, ListingStatus, Product, ProductPhoto
from storefront.database import utcnow
from storefront.extensions import db
from storefront.makers.models import Maker
from storefront.media.images import store_image
from storefront.media.storage import get_storage

_seq = itertools.count(1)
PASSWORD = "correct-horse-42"


def make_user(
    role: str = Role.CUSTOMER,
    *,
    email=None,
    phone=None,
    name="Test User",
    password=PASSWORD,
    locale="id",
    is_enabled=True,
) -> User:
    n = next(_seq)
    user = User(
        email=email if email is not None else f"user{n}@example.com",
        phone=phone,
        name=name,
        role=role,
        locale=locale,
        is_enabled=is_enabled,
        password_hash=hash_password(password) if password else None,
    )
    db.session.add(user)
    db.session.commit()
    return user


def make_maker(
    *, slug=None, full_name=None, user=None, is_listed=True, with_user=False, **fields
) -> Maker:
    n = next(_seq)
    if with_user and user is None:
        user = make_user(Role.MAKER, name=full_name or f"Ibu Maker {n}")
    maker = Maker(
        slug=slug or f"maker-{n}",
        full_name=full_name or f"Siti Maker {n}",
        story_id=f"Cerita pembuat {n}.",
        story_en=f"Story of maker {n}.",
        is_listed=is_listed,
        user=user,
        **fields,
    )
    db.session.add(maker)
    db.session.commit()
    return maker


def make_category(*, slug=None, name_id=None, name_en=None, position=0) -> Category:
    n = next(_seq)
    category = Category(
        slug=slug or f"category-{n}",
        name_id=name_id or f"Kategori {n}",
        name_en=name_en or f"Category {n}",
        position=position,
    )
    db.session.add(category)
    db.session.commit()
    return category


def make_product(
    maker=None,
    category=None,
    *,
    title_id=None,
    title_en=None,
    price_idr=150_000,
    stock=3,
    status=ListingStatus.LIVE,
    photos=1,
    commit=True,
    **fields,
) -> Product:
    n = next(_seq)
    maker = maker or make_maker()
    category = category or make_category()
    product = Product(
        maker=maker,
        category=category,
        slug=fields.pop("slug", None) or f"product-{n}",
        title_id=title_id or f"Tas Anyaman {n}",
        title_en=title_en or f"Woven Bag {n}",
        description_id=fields.pop("description_id", f"Deskripsi {n}"),
        description_en=fields.pop("description_en", f"Description {n}"),
        price_idr=price_idr,
        stock=stock,
        status=status,
        plastic_grams=fields.pop("plastic_grams", 120),
        published_at=utcnow() if status == ListingStatus.LIVE else None,
        **fields,
    )
    db.session.add(product)
    for position in range(photos):
        stored = store_image(get_storage(), Image.new("RGB", (60, 40), (200, 40 * position, 90)))
        product.photos.append(
            ProductPhoto(
                position=position, key=stored.key, width=stored.width, height=stored.height
            )
        )
    if commit:
        db.session.commit()
    return product


def make_variant(product, *, colour="", size="", **fields):
    """An option on sale, through the services: one that waits for review (a price difference
    on a live listing) is approved by an admin."""
    from storefront.listings.variant_review import approve_variant
    from storefront.listings.variants import add_variant

    variant = add_variant(product, colour=colour, size=size, **fields)
    if not variant.is_approved:
        approve_variant(variant, admin_id=make_user(Role.ADMIN, password=None).id)
    return variant


def make_sold_order(
    lines,
    *,
    shipping_idr=0,
    status="paid",
    email=None,
    phone="081234567890",
    delivery_method="ship",
    paid_at=None,
    record=True,
    discount_idr=0,
    discount_account="",
):
    """A paid order built directly (no checkout), its sale posted to the ledger.

    `lines` is a list of (maker, unit_price_idr, quantity[, title])."""
    import secrets

    from storefront.earnings.services import record_sale
    from storefront.orders.models import Order, OrderLine

    n = next(_seq)
    subtotal = sum(price * qty for _, price, qty, *_ in lines)
    order = Order(
        number=f"AN-{n:06d}",
        token=secrets.token_urlsafe(24),
        status=status,
        contact_name=f"Pembeli {n}",
        email=email or f"buyer{n}@example.com",
        phone=phone,
        delivery_method=delivery_method,
        street="Jl. Melati 3",
        city="Jakarta Utara",
        province="DKI Jakarta",
        postal_code="14240",
        subtotal_idr=subtotal,
        shipping_idr=shipping_idr,
        discount_idr=discount_idr,
        discount_account=discount_account,
        total_idr=subtotal + shipping_idr - discount_idr,
        paid_at=paid_at or utcnow(),
        payment_reference=f"pi_test_{n}",
    )
    for maker, price, qty, *rest in lines:
        order.lines.append(
            OrderLine(
                maker_id=maker.id,
                title=rest[0] if rest else f"Tas {n}",
                maker_name=maker.full_name,
                unit_price_idr=price,
                quantity=qty,
                line_total_idr=price * qty,
            )
        )
    db.session.add(order)
    db.session.flush()
    if record:
        record_sale(order)
    db.session.commit()
    return order


def make_voucher(code="HEMAT", *, kind="percent", percent=10, amount_idr=0, **fields):
    """A voucher code (shop-funded unless `funded_by`/`campaign` say otherwise)."""
    from storefront.vouchers.models import Voucher

    campaign = fields.pop("campaign", None)
    if campaign is not None:
        fields.update(funded_by="sponsor", campaign_id=campaign.id)
    voucher = Voucher(code=code, kind=kind, percent=percent, amount_idr=amount_idr, **fields)
    db.session.add(voucher)
    db.session.commit()
    return voucher


def make_campaign(name="Kampanye Laut Bersih", budget_idr=1_000_000):
    from storefront.vouchers.models import SponsorCampaign

    campaign = SponsorCampaign(name=name, budget_idr=budget_idr)
    db.session.add(campaign)
    db.session.commit()
    return campaign


def photo_bytes(fmt="JPEG", size=(64, 48), color=(180, 90, 40), **save_args) -> bytes:
    """A small real picture as uploaded bytes (JPEG, PNG, WEBP...)."""
    import io

    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt, **save_args)
    return buffer.getvalue()


def listing_form(category, **overrides) -> dict:
    """The fields of the maker's listing form, valid unless overridden."""
    data = {
        "title_id": "Tas Anyaman Biru",
        "description_id": "Tas dari bungkus kopi bekas.",
        "category_id": str(category.id),
        "price": "150000",
        "stock": "2",
        "plastic_grams": "120",
        "materials_id": "Bungkus kopi",
        "care_id": "Lap dengan kain basah",
    }
    data.update(overrides)
    return data


# --- Cart and checkout (issue 5): drive the real pages with a test client ---

CHECKOUT_FORM = {
    "name": "Rina Pembeli",
    "email": "rina@example.com",
    "phone": "0812 3456 7890",
    "delivery": "ship",
    "street": "Jl. Melati 5",
    "area": "Kalibaru / Cilincing",
    "city": "Jakarta Utara",
    "province": "DKI Jakarta",
    "postal_code": "14110",
}


def cart_add(client, product, quantity=1):
    return client.post("/cart/add", data={"product_id": str(product.id), "quantity": str(quantity)})


def checkout_post(client, key=None, **overrides):
    """POST the checkout form (CSRF off in tests) with a fresh or given idempotency key."""
    import secrets

    data = {**CHECKOUT_FORM, "idempotency_key": key or secrets.token_urlsafe(24), **overrides}
    return client.post("/checkout", data=data)


def latest_order():
    from storefront.orders.models import Order

    return db.session.scalars(db.select(Order).order_by(Order.id.desc())).first()


def refund_event(order, refunded_total_idr, event_id="evt_refund"):
    """A charge.refunded GatewayEvent for `order`, with the gateway's cumulative refunded total."""
    from storefront.payments.gateway import GatewayEvent

    return GatewayEvent(
        id=event_id,
        type="charge.refunded",
        reference=order.payment_reference,
        order_id=order.id,
        amount_idr=refunded_total_idr,
        currency="idr",
    )


def place_pickup_order(*prices_idr: int, stock: int = 1, maker=None):
    """A pending pick-up order for products at these prices (default one at Rp150.000; made by
    `maker` if given), placed through the checkout service with the app's primary gateway: the
    total is the prices' sum."""
    import time

    from storefront.cart.services import add_to_cart, new_cart
    from storefront.checkout.services import place_order
    from storefront.payments.registry import get_gateway

    products = [
        make_product(maker, price_idr=price, stock=stock) for price in prices_idr or (150_000,)
    ]
    cart = new_cart()
    db.session.commit()
    for product in products:
        add_to_cart(cart, product.id, "1")
    data = {
        "contact_name": "Ibu Pembeli",
        "email": "pembeli@example.com",
        "phone": "081234567890",
        "delivery_method": "pickup",
    }
    return place_order(cart, data, get_gateway(), idempotency_key=f"t-{time.monotonic_ns()}")
