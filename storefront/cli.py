"""Command-line tasks: `flask --app wsgi <command>`."""

import click
from flask import Flask


def register(app: Flask) -> None:
    """Attach every CLI command to the app."""
    from storefront.demo.cli import seed_demo_command

    app.cli.add_command(seed_demo_command)
