"""Listing forms. Only the fields declared here are read; anything else posted is ignored."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    HiddenField,
    MultipleFileField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from storefront.forms import BaseForm, NameField, prefill
from storefront.money import MAX_PRICE_IDR, MIN_PRICE_IDR, parse_idr
from storefront.money_forms import rupiah
from storefront.validation import parse_id

MAX_PHOTOS = 5
NUMERIC = {"inputmode": "numeric", "autocomplete": "off"}


def ascii_number(maximum: int):
    """A whole number written with ASCII digits only, from 0 to `maximum`."""

    def check(form, field) -> None:
        text = (field.data or "").strip()
        if not text:
            return
        if not (text.isascii() and text.isdigit()) or int(text) > maximum:
            raise ValidationError(_l("Write a number from 0 to %(max)d.", max=maximum))

    return check


price_check = rupiah(
    _l("The price must be from Rp1.000 to Rp100.000.000."), MIN_PRICE_IDR, MAX_PRICE_IDR
)


class ListingForm(BaseForm):
    title_id = NameField(_l("Name (Bahasa Indonesia)"), [DataRequired(), Length(max=120)])
    title_en = NameField(_l("Name in English (optional)"), [Optional(), Length(max=120)])
    description_id = TextAreaField(
        _l("Description (Bahasa Indonesia)"), [DataRequired(), Length(max=4000)]
    )
    description_en = TextAreaField(
        _l("Description in English (optional)"), [Optional(), Length(max=4000)]
    )
    category_id = SelectField(_l("Category"), coerce=int, validators=[InputRequired()])
    price = StringField(_l("Price in rupiah"), [DataRequired(), price_check], render_kw=NUMERIC)
    stock = StringField(
        _l("How many are ready"), [ascii_number(9999)], default="1", render_kw=NUMERIC
    )
    # The stock the page showed: a save changes stock only if it still is that (a sale may not).
    stock_seen = HiddenField()
    is_made_to_order = BooleanField(_l("Made to order"))
    lead_time_days = StringField(
        _l("Days needed to make it"), [ascii_number(365)], render_kw=NUMERIC
    )
    materials_id = StringField(_l("Materials"), [Optional(), Length(max=300)])
    materials_en = StringField(_l("Materials in English (optional)"), [Optional(), Length(max=300)])
    plastic_grams = StringField(
        _l("Grams of plastic reused"), [ascii_number(100000)], default="0", render_kw=NUMERIC
    )
    care_id = StringField(_l("How to care for it"), [Optional(), Length(max=300)])
    care_en = StringField(_l("Care in English (optional)"), [Optional(), Length(max=300)])
    photos = MultipleFileField(
        _l("Photos (1 to 5)"), render_kw={"accept": "image/*", "capture": "environment"}
    )
    # Keys of the current photos to drop; the service ignores keys that are not this listing's.
    remove_photos = SelectMultipleField(_l("Remove this photo"), choices=[], validate_choice=False)
    save_draft = SubmitField(_l("Save as draft"))
    submit_review = SubmitField(_l("Send for review"))

    def validate_lead_time_days(self, field) -> None:
        if self.is_made_to_order.data and not (field.data or "").strip():
            raise ValidationError(_l("Say in how many days you can make it."))
        if (field.data or "").strip() == "0":
            raise ValidationError(_l("Write a number from 1 to %(max)d.", max=365))

    def validate_photos(self, field) -> None:
        if len(self.photo_files()) > MAX_PHOTOS:
            raise ValidationError(_l("You can add at most %(max)d photos.", max=MAX_PHOTOS))

    def photo_files(self) -> list:
        """The files actually chosen (a browser sends one empty part when none is)."""
        return [f for f in (self.photos.data or []) if getattr(f, "filename", "")]

    def listing_data(self) -> dict:
        """The values the listing services take, parsed."""
        return {
            "category_id": self.category_id.data,
            "title_id": self.title_id.data.strip(),
            "title_en": (self.title_en.data or "").strip(),
            "description_id": self.description_id.data.strip(),
            "description_en": (self.description_en.data or "").strip(),
            "materials_id": (self.materials_id.data or "").strip(),
            "materials_en": (self.materials_en.data or "").strip(),
            "care_id": (self.care_id.data or "").strip(),
            "care_en": (self.care_en.data or "").strip(),
            "price_idr": parse_idr(self.price.data),
            "plastic_grams": int(self.plastic_grams.data or 0),
            "stock": int(self.stock.data or 0),
            "stock_seen": parse_id(self.stock_seen.data),
            "is_made_to_order": bool(self.is_made_to_order.data),
            "lead_time_days": int(self.lead_time_days.data) if self.lead_time_days.data else None,
        }

    def fill_from(self, values: dict) -> None:
        """Prefill from a listing's (or a pending revision's) values."""
        renamed = {("price" if name == "price_idr" else name): v for name, v in values.items()}
        prefill(self, renamed, skip=("photos", "remove_photos"))


def category_choices(locale: str) -> list[SelectChoice]:
    from storefront.catalog.models import Category
    from storefront.extensions import db

    categories = db.session.scalars(db.select(Category).order_by(Category.position, Category.id))
    return [SelectChoice(str(c.id), c.name(locale)) for c in categories]


class StockForm(BaseForm):
    stock = StringField(_l("Stock"), [InputRequired(), ascii_number(9999)], render_kw=NUMERIC)
    stock_seen = HiddenField()


class ReasonForm(BaseForm):
    reason = TextAreaField(_l("Reason"), [DataRequired(), Length(max=500)])


class AdminEditForm(BaseForm):
    category_id = SelectField(_l("Category"), coerce=int, validators=[InputRequired()])
    price = StringField(_l("Price in rupiah"), [DataRequired(), price_check], render_kw=NUMERIC)
