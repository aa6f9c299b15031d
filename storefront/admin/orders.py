"""Admin: orders with filters, an order's timeline, fulfilment steps and refunds."""

from datetime import datetime

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from storefront.admin import bp
from storefront.admin.order_forms import OrderFilterForm, RefundForm, ShipForm, new_refund_token
from storefront.admin.order_queries import filtered_orders
from storefront.auth.access import admin_required
from storefront.auth.forms import EmptyForm
from storefront.auth.models import User
from storefront.earnings.services import plan_refund, refundable_idr
from storefront.errors import DomainError
from storefront.extensions import db
from storefront.keyset import keyset_page
from storefront.money import parse_idr
from storefront.orders import fulfilment, notify
from storefront.orders.models import Order
from storefront.payments import cancel, refunds
from storefront.payments.models import ManualRefund
from storefront.validation import parse_id

ORDERS_PER_PAGE = 50


def _order_or_404(order_id: int) -> Order:
    # Its lines in the same statement: the detail page shows them and the refund reads them.
    order = db.session.scalar(
        select(Order).options(joinedload(Order.lines)).where(Order.id == order_id)
    )
    if order is None:
        abort(404)
    return order


@bp.get("/orders/")
@admin_required
def orders():
    form = OrderFilterForm(request.args)
    form.fill_choices()
    valid = form.validate()
    query = filtered_orders(
        status=form.status.data or "",
        maker=(form.maker.data or "").strip(),
        date_from=form.date_from.data if valid else None,
        date_to=form.date_to.data if valid else None,
        q=form.q.data or "",
    )
    # Keyset pages (newest first, on the (created_at, id) index): as fast at order 100,000 as
    # at the first; no total count (it would read every matching order).
    page = keyset_page(
        query,
        Order.created_at,
        Order.id,
        cursor=request.args.get("after"),
        per_page=ORDERS_PER_PAGE,
        parse=datetime.fromisoformat,
        key=lambda order: (order.created_at, order.id),
    )
    args = {k: v for k, v in request.args.items() if k not in ("after", "page")}
    return render_template("admin/orders/list.html", form=form, page=page, args=args)


@bp.get("/orders/<int:order_id>")
@admin_required
def order_detail(order_id: int):
    return _render_detail(_order_or_404(order_id))


def _render_detail(
    order: Order, refund_form: RefundForm | None = None, status: int = 200, by_bank: bool = False
):
    actor_ids = {change.actor_id for change in order.history if change.actor_id}
    actors = (
        {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(actor_ids)))}
        if actor_ids
        else {}
    )
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
        notices=notify.maker_notices(order) if order.paid_at else [],
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
    if form.confirmed.data != "1":  # the admin sees what goes back before any money moves
        return _render_refund_confirm(order, form, quantities)
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


def _render_refund_confirm(order: Order, form: RefundForm, quantities: dict[int, int]):
    """What the refund would give back, with one button to send it (the same fields, confirmed)."""
    amount: int | None
    if order.paid_at is None:  # in review: all that is still held goes back
        amount = refunds.held_left_idr(order)
    else:
        line_amounts = fulfilment.line_amounts_of(order, quantities) if quantities else None
        amount = sum(line_amounts.values()) if line_amounts else parse_idr(form.amount.data)
        if not amount or amount <= 0:
            raise DomainError(_("The refund amount must be more than zero."))
        plan_refund(order, amount, line_amounts)  # a refund that does not fit: its message now
    form.confirmed.data = "1"
    return render_template(
        "admin/orders/refund_confirm.html",
        order=order,
        form=form,
        amount=amount,
        quantities=quantities,
        lines={line.id: line for line in order.lines},
    )


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
