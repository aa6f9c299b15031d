"""deploy/backup.py backs up the database and the photos' bucket, and restores both into a new,
empty database and bucket, which then hold the same rows and the same photo bytes."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from storefront.earnings.models import LedgerEntry
from storefront.extensions import db
from storefront.makers.models import Maker
from tests.conftest import is_postgres
from tests.factories import make_maker, make_sold_order
from tests.s3_fixtures import CREDENTIALS, s3_client

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "deploy" / "backup.py"


@pytest.fixture
def scratch_database(app, tmp_path):
    """An empty database to restore into: a new PostgreSQL database next to the test one, or a
    new SQLite file."""
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if not is_postgres():
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"{url.database}_restore"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _run(action, folder, database_url, endpoint, bucket):
    env = {
        **os.environ,
        **CREDENTIALS,
        "DATABASE_URL": database_url,
        "STORAGE_BACKEND": "s3",
        "S3_BUCKET": bucket,
        "S3_ENDPOINT_URL": endpoint,
        "S3_REGION": "us-east-1",
    }
    done = subprocess.run(
        [sys.executable, str(SCRIPT), action, str(folder)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def _counts(url: str) -> tuple[int, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            makers = conn.scalar(select(func.count()).select_from(Maker.__table__))
            entries = conn.scalar(select(func.sum(LedgerEntry.__table__.c.amount_idr)))
            lines = conn.scalar(select(func.count()).select_from(LedgerEntry.__table__))
            return makers, lines, entries
    finally:
        engine.dispose()


def _objects(endpoint, bucket):
    client = s3_client(endpoint)
    try:
        keys = [o["Key"] for o in client.list_objects_v2(Bucket=bucket).get("Contents", [])]
        return {key: client.get_object(Bucket=bucket, Key=key)["Body"].read() for key in keys}
    finally:
        client.close()


def test_backup_then_restore_gives_the_same_rows_and_photos(
    app, tmp_path, s3_server, s3_bucket, scratch_database
):
    maker = make_maker()
    make_sold_order([(maker, 150_000, 2)])
    make_sold_order([(make_maker(), 80_000, 1)])
    db.session.commit()
    source = s3_client(s3_server)
    photos = {f"{uuid.uuid4().hex[:24]}-400.webp": os.urandom(2000) for _ in range(3)}
    for key, body in photos.items():
        source.put_object(Bucket=s3_bucket, Key=key, Body=body)
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if url.startswith("sqlite") and url != "sqlite://":
        db.session.remove()  # SQLite: nothing uncommitted while the backup reads the file

    folder = tmp_path / "backup"
    said = _run("backup", folder, url, s3_server, s3_bucket)
    assert "3 photo files" in said

    restored_bucket = f"restored-{uuid.uuid4().hex[:10]}"
    source.create_bucket(Bucket=restored_bucket)
    try:
        _run("restore", folder, scratch_database, s3_server, restored_bucket)
        assert _objects(s3_server, restored_bucket) == photos
        assert _counts(scratch_database) == _counts(url)
        assert _counts(scratch_database)[0] == 2
        assert _counts(scratch_database)[2] == 0  # the ledger still sums to zero
    finally:
        for key in _objects(s3_server, restored_bucket):
            source.delete_object(Bucket=restored_bucket, Key=key)
        source.delete_bucket(Bucket=restored_bucket)
        source.close()
