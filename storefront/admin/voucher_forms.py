"""Forms of the admin vouchers page."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, SelectChoice, SelectField, StringField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from storefront.admin.order_forms import sensible_date
from storefront.forms import BaseForm
from storefront.money import read_idr
from storefront.money_forms import rupiah

amount_check = rupiah(_l("Write an amount in rupiah, like 150.000."), minimum=0)


class CampaignForm(BaseForm):
    name = StringField(_l("Campaign"), validators=[InputRequired(), Length(max=120)])
    budget = StringField(
        _l("Budget for discounts (Rp)"),
        validators=[InputRequired(), rupiah(_l("Write an amount in rupiah, like 150.000."))],
    )

    @property
    def budget_idr(self) -> int:
        return read_idr(self.budget.data)


class VoucherForm(BaseForm):
    code = StringField(_l("Code"), validators=[InputRequired(), Length(max=40)])
    kind = SelectField(
        _l("Discount"),
        choices=[
            SelectChoice("percent", _l("Percentage of the items")),
            SelectChoice("fixed", _l("Fixed amount in rupiah")),
        ],
    )
    percent = IntegerField(_l("Percent"), validators=[Optional(), NumberRange(1, 100)])
    amount = StringField(_l("Amount (Rp)"), validators=[Optional(), amount_check])
    min_order = StringField(_l("Minimum order (Rp)"), validators=[Optional(), amount_check])
    starts_on = DateField(_l("From"), validators=[Optional(), sensible_date])
    ends_on = DateField(_l("Until (not included)"), validators=[Optional(), sensible_date])
    max_uses = IntegerField(_l("Uses in total"), validators=[Optional(), NumberRange(1)])
    per_buyer_limit = IntegerField(_l("Uses per buyer"), validators=[Optional(), NumberRange(1)])
    category = SelectField(_l("Only this category"), choices=[], validate_choice=False)
    maker = SelectField(_l("Only this maker's work"), choices=[], validate_choice=False)
    campaign = SelectField(_l("Who pays the discount"), choices=[], validate_choice=False)

    def fill_choices(self, categories, makers, campaigns) -> None:
        anything = SelectChoice("", _l("Any"))
        self.category.choices = [anything] + [
            SelectChoice(str(c.id), c.name_id) for c in categories
        ]
        self.maker.choices = [anything] + [SelectChoice(str(m.id), m.full_name) for m in makers]
        self.campaign.choices = [SelectChoice("", _l("The shop (from its fee)"))] + [
            SelectChoice(str(c.id), c.name) for c in campaigns
        ]
