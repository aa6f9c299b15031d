"""Forms for a maker's public profile choices."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, FileField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from storefront.forms import BaseForm, NameField


class PrivacyForm(BaseForm):
    uses_chosen_name = BooleanField(_l("Show a chosen name instead of my first name"))
    chosen_name = NameField(
        _l("Chosen name"),
        validators=[Optional(), Length(max=40)],
        filters=[lambda value: value.strip() if value else value],
    )
    shows_portrait = BooleanField(_l("Show my photo"))
    shows_sales_count = BooleanField(_l("Show how many of my products have been sold"))
    shares_income = BooleanField(_l("Let the sponsor report show my income with my name"))
    accepts_requests = BooleanField(
        _l("Customers may ask me to make another of a product that is gone")
    )

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if self.uses_chosen_name.data and not (self.chosen_name.data or "").strip():
            self.chosen_name.errors.append(_l("Please write the name to show."))
            return False
        return True


def percent_to_bps(text: str) -> int | None:
    """ "10", "7,5" or "7.5" (percent) to basis points; None for anything else."""
    cleaned = text.strip().rstrip("%").strip().replace(",", ".")
    whole, _, fraction = cleaned.partition(".")
    if not whole.isascii() or not whole.isdigit() or len(whole) > 3:
        return None
    if fraction and (not fraction.isascii() or not fraction.isdigit() or len(fraction) > 2):
        return None
    return int(whole) * 100 + int(fraction.ljust(2, "0") or 0)


class FeeForm(BaseForm):
    uses_default = BooleanField(_l("Use the shop's standard fee"))
    fee_percent = StringField(_l("Her fee in percent"), validators=[Length(max=8)])

    def validate_fee_percent(self, field) -> None:
        if self.uses_default.data:
            return
        if percent_to_bps(field.data or "") is None:
            raise ValidationError(_l("Write the fee as a percentage, for example 10 or 7,5."))

    @property
    def fee_bps(self) -> int | None:
        return None if self.uses_default.data else percent_to_bps(self.fee_percent.data or "")


class ProfileForm(BaseForm):
    """Her story in both languages and her portrait (the maker's, and the admin's edit)."""

    story_id = TextAreaField(
        _l("My story (Bahasa Indonesia)"), validators=[DataRequired(), Length(max=4000)]
    )
    story_en = TextAreaField(
        _l("My story in English (optional)"), validators=[Optional(), Length(max=4000)]
    )
    portrait = FileField(
        _l("Portrait photo"), render_kw={"accept": "image/*", "data-resize": "1200"}
    )

    def portrait_file(self):
        data = self.portrait.data
        return data if getattr(data, "filename", "") else None


class ProfileReviewForm(BaseForm):
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(), Length(max=500)])
