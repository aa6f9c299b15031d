"""Back-in-stock WhatsApp messages to send by hand (no WhatsApp sender is connected)."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from storefront.admin import bp
from storefront.auth.access import admin_required
from storefront.auth.forms import EmptyForm
from storefront.extensions import db
from storefront.stock_alerts import queries, services
from storefront.stock_alerts.models import StockAlert


@bp.get("/stock-alerts")
@admin_required
def stock_alert_list():
    items = [(alert, queries.whatsapp_link(alert)) for alert in queries.due_whatsapp()]
    return render_template("admin/stock_alerts.html", items=items, form=EmptyForm())


@bp.post("/stock-alerts/<int:alert_id>/sent")
@admin_required
def stock_alert_sent(alert_id: int):
    alert = db.get_or_404(StockAlert, alert_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    services.whatsapp_sent(alert)
    flash(_("Marked as sent: her number is deleted."), "success")
    return redirect(url_for(".stock_alert_list"))
