"""Admin: orders with filters, an order's timeline, fulfilment steps and refunds."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from storefront.admin import bp
from storefront.admin.order_forms import OrderFilterForm, RefundForm, ShipForm, new_refund_token
from storefront.admin.order_queries import filtered_orders
from storefront.auth.access import admin_required
from storefront.auth.forms import EmptyForm
from storefront.auth.models import User
from storefront.catalog.filters import parse_page
from storefront.earnings.services import refundable_idr
from storefront.extensions import db
from storefront.makers.models import Maker
from storefront.money import parse_idr
from storefront.orders import fulfilment
from storefront.orders.models import Order
from storefront.payments import cancel, refunds
from storefront.payments.models import ManualRefund
from storefront.validation import parse_id


def _order_or_404(order_id: int) -> Order:
    order = db.session.get(Order, order_id)
    if order is None:
        abort(404)
    return order


@bp.get("/orders/")
@admin_required
def orders():
    form = OrderFilterForm(request.args)
    form.fill_choices(db.session.scalars(select(Maker).order_by(Maker.full_name)))
    valid = form.validate()
    query = filtered_orders(
        status=form.status.data or "",
        maker_id=parse_id(form.maker.data),
        date_from=form.date_from.data if valid else None,
        date_to=form.date_to.data if valid else None,
        q=form.q.data or "",
    )
    page = db.paginate(
        query, page=parse_page(request.args.get("page")), per_page=50, error_out=False
    )
    args = {k: v for k, v in request.args.items() if k != "page"}
    return render_template("admin/orders/list.html", form=form, page=page, args=args)


@bp.get("/orders/<int:order_id>")
@admin_required
def order_detail(order_id: int):
    return _render_detail(_order_or_404(order_id))


def _render_detail(
    order: Order, refund_form: RefundForm | None = None, status: int = 200, by_bank: bool = False
):
    actor_ids = {change.actor_id for change in order.history if change.actor_id}
    actors = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(actor_ids)))}
    return render_template(
        "admin/orders/detail.html",
        order=order,
        actors=actors,
        steps=fulfilment.available_steps(order),
        step_labels=fulfilment.STEPS,
        form=EmptyForm(),
        ship_form=ShipForm(),
        refund_form=refund_form or RefundForm(formdata=None),
        can_refund=refunds.can_refund(order),
        refundable=refundable_idr(order),
        by_bank=by_bank,
        bank_refunds=db.session.scalars(
            select(ManualRefund).where(ManualRefund.order_id == order.id).order_by(ManualRefund.id)
        ).all(),
    ), status


@bp.post("/orders/<int:order_id>/steps/<action>")
@admin_required
def order_step(order_id: int, action: str):
    order = _order_or_404(order_id)
    if action not in fulfilment.STEPS:
        abort(404)
    form = ShipForm() if action == "ship" else EmptyForm()
    if not form.validate_on_submit():
        flash(_("Enter the courier and the tracking number."), "error")
        return redirect(url_for("admin.order_detail", order_id=order.id))
    if action == "cancel":  # the gateway payment is cancelled too
        try:
            cancel.cancel_by_admin(order, actor_id=current_user.id)
        except cancel.PaidMeanwhile as paid:  # recorded as paid (or in review) instead
            flash(str(paid.message), "info")
            return redirect(url_for("admin.order_detail", order_id=order.id))
    else:
        fulfilment.advance(
            order,
            action,
            actor_id=current_user.id,
            courier=form.data.get("courier") or "",
            tracking_number=form.data.get("tracking_number") or "",
        )
    flash(_("Order %(number)s updated.", number=order.number), "success")
    return redirect(url_for("admin.order_detail", order_id=order.id))


@bp.post("/orders/<int:order_id>/refund")
@admin_required
def order_refund(order_id: int):
    order = _order_or_404(order_id)
    form = RefundForm()
    if not form.validate_on_submit():  # the page again, the amount's message beside it
        return _render_detail(order, refund_form=form, status=400)
    quantities = _quantities(order)
    transfer = None
    if form.by_bank_transfer():
        transfer = refunds.BankTransfer(
            bank=form.bank.data,
            account_holder=form.account_holder.data,
            account_number=form.account_number.data,
            reference=form.transfer_reference.data,
        )
    try:
        refunds.refund_order(
            order,
            actor_id=current_user.id,
            note=form.note.data or "",
            amount_idr=None if quantities else parse_idr(form.amount.data),
            quantities=quantities or None,
            token=form.token.data or "",
            transfer=transfer,
        )
    except refunds.AlreadyRefunded:  # the same form sent twice: the first refund stands
        flash(_("Order %(number)s was already refunded.", number=order.number), "info")
        return redirect(url_for("admin.order_detail", order_id=order.id))
    except refunds.RefundByBankTransfer as needed:  # nothing moved: the bank fields now
        flash(str(needed.message), "error")
        form.token.data = new_refund_token()
        return _render_detail(order, refund_form=form, status=409, by_bank=True)
    flash(_("Refund sent for order %(number)s.", number=order.number), "success")
    return redirect(url_for("admin.order_detail", order_id=order.id))


def _quantities(order: Order) -> dict[int, int]:
    """{line id: items} from the per-line fields, for the lines where a number was given."""
    chosen = {}
    for line in order.lines:
        raw = request.form.get(f"qty-{line.id}", "").strip()
        if raw:
            quantity = parse_id(raw)
            if quantity is None:
                abort(400)
            chosen[line.id] = quantity
    return {line_id: qty for line_id, qty in chosen.items() if qty}
