"""Command-line tasks: `flask --app wsgi <command>` (create_app's register_commands lists them)."""

import click


@click.command("create-admin")
@click.argument("email")
@click.option("--password", help="The password (asked for, twice, when left out).")
@click.option("--name", default="Admin", show_default=True)
def create_admin_command(email: str, password: str | None, name: str) -> None:
    """Create an admin account that signs in with EMAIL."""
    from storefront.auth.passwords import MIN_LENGTH, is_weak
    from storefront.auth.services import create_admin
    from storefront.errors import DomainError

    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if is_weak(password):
        raise click.ClickException(
            f"Use at least {MIN_LENGTH} characters, and not a common password."
        )
    try:
        user = create_admin(email, password, name=name)
    except DomainError as error:
        raise click.ClickException(error.message) from error
    click.echo(f"Admin {user.email} created.")


@click.command("release-expired")
def release_expired_command() -> None:
    """Cancel pending orders whose stock reservation ended, and give the stock back (asking the
    gateway first about each payment: one that succeeded is recorded instead)."""
    from storefront.database import utcnow
    from storefront.payments.expiry import release_expired

    click.echo(f"Released {release_expired(utcnow())} expired order(s).")


@click.command("prune-staged-photos")
def prune_staged_photos_command() -> None:
    """Delete the photos kept across a listing form's errors whose form was not sent again for
    STAGED_PHOTO_HOURS, with their files (`flask scheduler` does it every hour)."""
    from storefront.listings.staging import prune_stale_task

    click.echo(f"Deleted {prune_stale_task()} staged photo(s).")


@click.command("prune-sessions")
def prune_sessions_command() -> None:
    """Delete the server-side sessions that have expired (run it daily, like release-expired)."""
    from flask import current_app

    from storefront.auth.sessions import Lifetimes, prune_sessions

    click.echo(f"Deleted {prune_sessions(Lifetimes.from_config(current_app.config))} session(s).")


@click.command("reconcile-payments")
@click.option(
    "--minutes",
    default=15,
    show_default=True,
    type=click.IntRange(min=0),
    help="Ask about payments pending longer than this.",
)
def reconcile_payments_command(minutes: int) -> None:
    """Ask the gateway about every payment pending too long and record what it says (a payment
    whose notification was lost); one it cannot reach is left for the next run."""
    from storefront.payments.reconcile import reconcile_all

    result = reconcile_all(minutes=minutes)  # every configured gateway (Midtrans, Stripe)
    click.echo(
        f"Checked {result.checked} payment(s): {result.settled} settled, "
        f"{result.unreachable} not reached."
    )


@click.command("worker")
@click.option("--burst", is_flag=True, help="Stop once the queue is empty.")
def worker_command(burst: bool) -> None:
    """Run background jobs from the Redis queue (JOBS_REDIS_URL) until stopped."""
    from flask import current_app

    from storefront.jobs.worker import run

    try:
        run(current_app._get_current_object(), burst=burst)  # type: ignore[attr-defined]
    except RuntimeError as error:
        raise click.ClickException(str(error)) from error


@click.command("scheduler")
@click.option("--once", is_flag=True, help="Fire every task once, then stop.")
def scheduler_command(once: bool) -> None:
    """Run the periodic tasks (release expired reservations, reconcile payments, relay the
    outbox) at the JOBS_*_SECONDS intervals until stopped."""
    from flask import current_app

    from storefront.jobs.scheduler import run

    run(current_app._get_current_object(), once=once)  # type: ignore[attr-defined]


@click.command("rebuild-month-totals")
def rebuild_month_totals_command() -> None:
    """Recompute the running monthly totals (impact page, sponsor report) from the ledger, e.g.
    after restoring a backup taken before they existed. Safe to run at any time."""
    from storefront.earnings import month_totals
    from storefront.extensions import db

    month_totals.rebuild()
    db.session.commit()
    click.echo("Monthly totals rebuilt from the ledger.")
