"""Reading and editing the content pages."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from storefront import audit
from storefront.extensions import db
from storefront.pages.defaults import DEFAULTS
from storefront.pages.models import PAGE_SLUGS, ContentPage


@dataclass(frozen=True)
class PageText:
    slug: str
    title_id: str
    title_en: str
    body_id: str
    body_en: str

    def title(self, locale: str) -> str:
        return (self.title_en if locale == "en" else "") or self.title_id

    def body(self, locale: str) -> str:
        return (self.body_en if locale == "en" else "") or self.body_id

    def paragraphs(self, locale: str) -> list[str]:
        return [
            p.strip() for p in self.body(locale).replace("\r\n", "\n").split("\n\n") if p.strip()
        ]


def page_text(slug: str) -> PageText | None:
    """The page as edited, else its default text; None for a page the shop does not have."""
    if slug not in PAGE_SLUGS:
        return None
    row = db.session.scalar(select(ContentPage).where(ContentPage.slug == slug))
    if row is not None:
        return PageText(slug, row.title_id, row.title_en, row.body_id, row.body_en)
    return PageText(slug, **DEFAULTS[slug])


def save_page(slug: str, values: dict[str, Any], actor_id: int) -> None:
    """Store an admin's edit of both languages (commits, audited)."""
    row = db.session.scalar(select(ContentPage).where(ContentPage.slug == slug))
    if row is None:
        row = ContentPage(slug=slug)
        db.session.add(row)
    for name in ("title_id", "title_en", "body_id", "body_en"):
        setattr(row, name, (values.get(name) or "").strip())
    row.updated_by = actor_id
    db.session.flush()
    audit.record(actor_id, "page.edit", "content_page", row.id, details={"slug": slug})
    db.session.commit()
