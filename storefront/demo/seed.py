"""`seed_demo`: the demo makers, categories and products in one transaction (development only).

Idempotent: rows are looked up by their natural key (email, maker slug, category slug, product slug)
and only missing ones are created; existing rows are never changed, so a second run is a no-op.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from slugify import slugify
from sqlalchemy import func, select

from storefront.auth.models import Role, User
from storefront.auth.passwords import hash_password
from storefront.catalog.models import Category, Product, ProductPhoto
from storefront.database import utcnow
from storefront.demo import images
from storefront.demo.catalog import CATEGORIES, ProductPlan, product_plans
from storefront.demo.data import (
    ADMIN_EMAIL,
    ADMIN_NAME,
    DEMO_PASSWORD,
    MAKERS,
    SPECIALTIES,
    SPONSOR_EMAIL,
    SPONSOR_NAME,
    MakerSpec,
    initials,
    maker_phones,
    maker_story,
)
from storefront.demo.sales import seed_sales
from storefront.extensions import db
from storefront.makers.models import Maker
from storefront.media.images import store_image
from storefront.media.storage import Storage
from storefront.orders.models import Order


@dataclass(frozen=True)
class SignIn:
    name: str
    email: str
    phone: str | None


@dataclass
class SeedReport:
    skipped: bool = False
    created: dict[str, int] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    sign_ins: list[SignIn] = field(default_factory=list)


class _RecordingStorage:
    """Remembers what was written, so a failed run can delete its files again."""

    def __init__(self, storage: Storage) -> None:
        self.storage = storage
        self.names: list[str] = []

    def save(self, name: str, data: bytes) -> None:
        self.storage.save(name, data)
        self.names.append(name)

    def undo(self) -> None:
        for name in self.names:
            self.storage.delete(name)


def seed_demo(
    storage: Storage, *, if_empty: bool = False, photo_width: int = 900, now: datetime | None = None
) -> SeedReport:
    """Create the missing demo rows and commit once; `if_empty` skips if any maker exists."""
    if if_empty and db.session.scalar(select(Maker.id).limit(1)) is not None:
        return SeedReport(skipped=True, totals=_totals(), sign_ins=_sign_ins())
    recorder = _RecordingStorage(storage)
    seeder = _Seeder(recorder, photo_width, now or utcnow())
    try:
        seeder.run()
        db.session.commit()
    except Exception:
        db.session.rollback()
        recorder.undo()
        raise
    seeder.created["orders"] = seed_sales(seeder.now)
    return SeedReport(created=seeder.created, totals=_totals(), sign_ins=_sign_ins())


class _Seeder:
    def __init__(self, storage: _RecordingStorage, photo_width: int, now: datetime) -> None:
        self.storage, self.photo_width, self.now = storage, photo_width, now
        self.created = dict.fromkeys(("users", "makers", "categories", "products", "photos"), 0)
        self._hash: str | None = None

    @property
    def password_hash(self) -> str:
        # argon2 is slow on purpose: hash once and share the string between the demo users.
        if self._hash is None:
            self._hash = hash_password(DEMO_PASSWORD)
        return self._hash

    def run(self) -> None:
        self._admin()
        makers = self._makers()
        categories = self._categories()
        existing = set(db.session.scalars(select(Product.slug)))
        for index, plan in enumerate(product_plans()):
            if plan.slug not in existing:
                self._product(index, plan, makers[plan.maker_index], categories[plan.category_slug])

    def _admin(self) -> None:
        staff = ((ADMIN_EMAIL, ADMIN_NAME, Role.ADMIN), (SPONSOR_EMAIL, SPONSOR_NAME, Role.SPONSOR))
        for email, name, role in staff:
            if db.session.scalar(select(User.id).where(User.email == email)) is None:
                db.session.add(self._user(email, None, name, role))

    def _user(self, email: str, phone: str | None, name: str, role: str) -> User:
        self.created["users"] += 1
        return User(
            email=email,
            phone=phone,
            name=name,
            role=role,
            locale="id",
            password_hash=self.password_hash,
        )

    def _makers(self) -> list[Maker]:
        # Accounts are keyed by the legal name (never shown); public slugs by the public name.
        legal = [slugify(spec.full_name) for spec in MAKERS]
        slugs = [slugify(spec.chosen_name or spec.full_name.split()[0]) for spec in MAKERS]
        phones = maker_phones(legal)
        found = {m.slug: m for m in db.session.scalars(select(Maker).where(Maker.slug.in_(slugs)))}
        users = {
            u.email: u
            for u in db.session.scalars(
                select(User).where(User.email.in_([f"{key}@example.com" for key in legal]))
            )
        }
        taken = set(db.session.scalars(select(User.phone).where(User.phone.in_(phones.values()))))
        makers = []
        for key, slug, spec in zip(legal, slugs, MAKERS, strict=True):
            if slug not in found:
                email = f"{key}@example.com"
                user = users.get(email) or self._user(
                    email,
                    None if phones[key] in taken else phones[key],
                    spec.full_name,
                    Role.MAKER,
                )
                found[slug] = self._maker(slug, spec, user)
            makers.append(found[slug])
        return makers

    def _maker(self, slug: str, spec: MakerSpec, user: User) -> Maker:
        story_id, story_en = maker_story(spec)
        specialty_id, specialty_en, _ = SPECIALTIES[spec.specialty]
        size = min(640, self.photo_width)
        picture = images.portrait(
            initials(spec.chosen_name or spec.full_name), slug, spec.wears_scarf, size=size
        )
        maker = Maker(
            slug=slug,
            full_name=spec.full_name,
            user=user,
            neighbourhood=spec.neighbourhood,
            chosen_name=spec.chosen_name,
            uses_chosen_name=spec.chosen_name is not None,
            shows_portrait=spec.shows_portrait,
            # Some agreed to be named in the sponsor report; those with a chosen name did not.
            shares_income=spec.chosen_name is None and len(spec.full_name) % 3 == 0,
            story_id=story_id,
            story_en=story_en,
            specialty_id=specialty_id,
            specialty_en=specialty_en,
            joined_on=spec.joined,
            portrait_key=store_image(self.storage, picture).key,
        )
        db.session.add(maker)
        self.created["makers"] += 1
        return maker

    def _categories(self) -> dict[str, Category]:
        found = {c.slug: c for c in db.session.scalars(select(Category))}
        for position, (slug, name_id, name_en, *_) in enumerate(CATEGORIES, start=1):
            if slug not in found:
                found[slug] = Category(
                    slug=slug, name_id=name_id, name_en=name_en, position=position
                )
                db.session.add(found[slug])
                self.created["categories"] += 1
        return found

    def _product(self, index: int, plan: ProductPlan, maker: Maker, category: Category) -> None:
        is_live = plan.status == "live"
        published = self.now - timedelta(days=plan.days_ago, hours=(index * 7) % 24)
        product = Product(
            maker=maker,
            category=category,
            slug=plan.slug,
            title_id=plan.title_id,
            title_en=plan.title_en,
            description_id=plan.description_id,
            description_en=plan.description_en,
            materials_id=plan.materials_id,
            materials_en=plan.materials_en,
            care_id=plan.care_id,
            care_en=plan.care_en,
            price_idr=plan.price_idr,
            stock=plan.stock,
            is_made_to_order=plan.is_made_to_order,
            lead_time_days=plan.lead_time_days,
            plastic_grams=plan.plastic_grams,
            status=plan.status,
            is_featured=plan.is_featured,
            published_at=published if is_live else None,
        )
        for position in range(plan.photo_count):
            picture = images.product_photo(
                plan.palette, plan.pattern, plan.shape, position, plan.slug, width=self.photo_width
            )
            stored = store_image(self.storage, picture)
            product.photos.append(
                ProductPhoto(
                    position=position, key=stored.key, width=stored.width, height=stored.height
                )
            )
        db.session.add(product)
        self.created["products"] += 1
        self.created["photos"] += plan.photo_count


def _totals() -> dict[str, int]:
    models = {
        "users": User,
        "makers": Maker,
        "categories": Category,
        "products": Product,
        "photos": ProductPhoto,
        "orders": Order,
    }
    return {
        name: db.session.scalar(select(func.count()).select_from(model)) or 0
        for name, model in models.items()
    }


def _sign_ins() -> list[SignIn]:
    """The admin and every demo maker, in the order of the demo list."""
    slugs = [slugify(spec.full_name) for spec in MAKERS]
    emails = [ADMIN_EMAIL, SPONSOR_EMAIL] + [f"{slug}@example.com" for slug in slugs]
    users = {u.email: u for u in db.session.scalars(select(User).where(User.email.in_(emails)))}
    return [SignIn(users[e].name, e, users[e].phone) for e in emails if e in users]
