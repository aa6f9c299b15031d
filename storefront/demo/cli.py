"""`flask seed-demo`: placeholder until the demo data module lands."""

import click


@click.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Only seed when the database has no makers yet.")
def seed_demo_command(if_empty: bool) -> None:
    """Create demo makers, categories and products (development only)."""
    click.echo("seed-demo: not implemented yet")
