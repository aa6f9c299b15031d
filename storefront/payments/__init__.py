"""Payments: the gateway contract, its gateways, webhooks, expiry and reconciling.

The blueprint lives here because its routes span two modules (views.py, stripe_views.py);
`storefront.payments.views.bp` is the complete one."""

from flask import Blueprint

bp = Blueprint("payments", __name__)
