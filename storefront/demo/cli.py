"""`flask seed-demo`: load the demo makers, categories and products (never in production)."""

import time

import click
from flask import current_app
from flask.cli import with_appcontext

from storefront.demo.data import DEMO_PASSWORD
from storefront.demo.seed import SeedReport, seed_demo
from storefront.media.storage import get_storage


@click.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Only seed when the database has no makers yet.")
@click.option(
    "--photo-width",
    type=click.IntRange(32, 1200),
    default=900,
    hidden=True,
    help="Width of the generated photos (tests use small ones to stay fast).",
)
@with_appcontext
def seed_demo_command(if_empty: bool, photo_width: int) -> None:
    """Create demo makers, categories and products (development only)."""
    if current_app.config.get("IS_PRODUCTION"):
        # Demo accounts share a published password: they must never exist on the live shop.
        raise click.ClickException(
            "seed-demo refuses to run under the production config: demo accounts share a "
            "public password."
        )
    started = time.monotonic()
    report = seed_demo(get_storage(), if_empty=if_empty, photo_width=photo_width)
    if report.skipped:
        click.echo("seed-demo: makers already exist, nothing to do (--if-empty).")
    else:
        created = ", ".join(f"{count} {name}" for name, count in report.created.items())
        click.echo(f"seed-demo: created {created} in {time.monotonic() - started:.1f} s.")
    _echo_sign_ins(report)


def _echo_sign_ins(report: SeedReport) -> None:
    totals = ", ".join(f"{count} {name}" for name, count in report.totals.items())
    click.echo(f"In the database: {totals}.")
    click.echo(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
    for sign_in in report.sign_ins:
        phone = f"  or  {sign_in.phone}" if sign_in.phone else ""
        click.echo(f"  {sign_in.name:<20} {sign_in.email}{phone}")


@click.command("seed-scale")
@click.option("--makers", type=click.IntRange(1, 100_000), default=1_000)
@click.option("--products", type=click.IntRange(1, 1_000_000), default=10_000)
@click.option("--orders", type=click.IntRange(0, 10_000_000), default=100_000)
@with_appcontext
def seed_scale_command(makers: int, products: int, orders: int) -> None:
    """Add a shop at scale (bulk inserts): 1,000 makers, 10,000 products, 100,000 orders."""
    from storefront.demo.scale import seed_scale

    if current_app.config.get("IS_PRODUCTION"):
        raise click.ClickException("seed-scale refuses to run under the production config.")
    started = time.monotonic()
    created = seed_scale(get_storage(), makers=makers, products=products, orders=orders)
    summary = ", ".join(f"{count} {name}" for name, count in created.items())
    click.echo(f"seed-scale: created {summary} in {time.monotonic() - started:.1f} s.")
