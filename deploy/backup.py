"""Back up and restore the shop's two stores of state: the database and the photos' bucket.

    python deploy/backup.py backup  DIR     # DIR/database.dump (or .sqlite3) and DIR/bucket/
    python deploy/backup.py restore DIR     # into DATABASE_URL and the bucket (or UPLOAD_DIR)

It reads the same environment as the app: DATABASE_URL; STORAGE_BACKEND, S3_BUCKET,
S3_ENDPOINT_URL, S3_REGION, S3_PREFIX and boto3's credentials (or UPLOAD_DIR for local photos).
PostgreSQL goes through pg_dump / pg_restore (custom format; the client tools must be the
server's major version or newer); a SQLite file through SQLite's online backup. A restore
replaces what is there (pg_restore --clean): restore into a new, empty database first to check a
backup, then point DATABASE_URL at it. Photos are only added or overwritten, never deleted.
"""

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

DUMP = "database.dump"
SQLITE = "database.sqlite3"
BUCKET_DIR = "bucket"


def _libpq_url(url: str) -> str:
    """SQLAlchemy's postgresql+psycopg://... as libpq's postgresql://..."""
    scheme, _, rest = url.partition("://")
    return f"{scheme.split('+')[0]}://{rest}"


def _sqlite_file(url: str) -> Path:
    # sqlite:///relative.db or sqlite:////absolute/path.db
    return Path(url.removeprefix("sqlite:///"))


def backup_database(url: str, folder: Path) -> Path:
    if url.startswith("sqlite"):
        target = folder / SQLITE
        with sqlite3.connect(_sqlite_file(url)) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
        source.close()
        copy.close()
        return target
    target = folder / DUMP
    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", "--file", str(target), _libpq_url(url)],
        check=True,
        timeout=3600,
    )
    return target


def restore_database(url: str, folder: Path) -> None:
    if url.startswith("sqlite"):
        with sqlite3.connect(folder / SQLITE) as source, sqlite3.connect(_sqlite_file(url)) as db:
            source.backup(db)
        source.close()
        db.close()
        return
    subprocess.run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--dbname",
            _libpq_url(url),
            str(folder / DUMP),
        ],
        check=True,
        timeout=3600,
    )


def _s3():
    import boto3
    from botocore.config import Config

    client = boto3.session.Session().client(
        "s3",
        endpoint_url=os.environ.get("S3_ENDPOINT_URL") or None,
        region_name=os.environ.get("S3_REGION") or None,
        config=Config(connect_timeout=5, read_timeout=60, retries={"total_max_attempts": 3}),
    )
    return client, os.environ["S3_BUCKET"], os.environ.get("S3_PREFIX", "")


def backup_photos(folder: Path) -> int:
    target = folder / BUCKET_DIR
    target.mkdir(parents=True, exist_ok=True)
    if os.environ.get("STORAGE_BACKEND", "local") != "s3":
        source = Path(os.environ.get("UPLOAD_DIR", "instance/uploads"))
        files = [p for p in source.glob("*.webp")] if source.is_dir() else []
        for path in files:
            shutil.copy2(path, target / path.name)
        return len(files)
    client, bucket, prefix = _s3()
    count = 0
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for item in page.get("Contents", []):
            name = item["Key"][len(prefix) :]
            if "/" in name or not name:
                continue
            client.download_file(bucket, item["Key"], str(target / name))
            count += 1
    client.close()
    return count


def restore_photos(folder: Path) -> int:
    files = sorted((folder / BUCKET_DIR).glob("*"))
    if os.environ.get("STORAGE_BACKEND", "local") != "s3":
        target = Path(os.environ.get("UPLOAD_DIR", "instance/uploads"))
        target.mkdir(parents=True, exist_ok=True)
        for path in files:
            shutil.copy2(path, target / path.name)
        return len(files)
    client, bucket, prefix = _s3()
    for path in files:
        client.upload_file(
            str(path),
            bucket,
            f"{prefix}{path.name}",
            ExtraArgs={
                "ContentType": "image/webp",
                "CacheControl": "public, max-age=31536000, immutable",
            },
        )
    client.close()
    return len(files)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["backup", "restore"])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    url = os.environ.get("DATABASE_URL")
    if not url:
        parser.error("DATABASE_URL is not set")
    if args.action == "backup":
        args.folder.mkdir(parents=True, exist_ok=True)
        dump = backup_database(url, args.folder)
        photos = backup_photos(args.folder)
        print(f"backed up the database to {dump} and {photos} photo files")
    else:
        restore_database(url, args.folder)
        photos = restore_photos(args.folder)
        print(f"restored the database and {photos} photo files")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
