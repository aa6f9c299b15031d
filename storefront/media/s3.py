"""Photos in an S3-compatible bucket (AWS S3, MinIO, Cloudflare R2, Wasabi): the one module that
imports boto3. Credentials come from boto3's own chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY,
a profile, an instance role); every call has a connect and read timeout and few retries, so a
storage that hangs costs a request seconds, never the worker's whole budget."""

import logging
from collections.abc import Mapping
from typing import Any

import boto3
from botocore.config import Config as BotoConfig
from botocore.exceptions import BotoCoreError, ClientError

from storefront.media.storage import NAME_RE, StorageUnavailable, StoredFile

log = logging.getLogger(__name__)
CACHE_CONTROL = "public, max-age=31536000, immutable"  # names never change: a new photo, a new key
MISSING = {"NoSuchKey", "404", "NotFound"}


class S3Storage:
    """Objects named "<prefix><name>" in one bucket."""

    def __init__(self, client: Any, bucket: str, prefix: str = "") -> None:
        self.client, self.bucket, self.prefix = client, bucket, prefix

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> "S3Storage":
        bucket = config.get("S3_BUCKET")
        if not bucket:
            raise RuntimeError("STORAGE_BACKEND=s3 needs S3_BUCKET")
        boto_config = BotoConfig(
            connect_timeout=config.get("S3_CONNECT_TIMEOUT_SECONDS", 3),
            read_timeout=config.get("S3_READ_TIMEOUT_SECONDS", 10),
            retries={"total_max_attempts": config.get("S3_MAX_ATTEMPTS", 2), "mode": "standard"},
            signature_version="s3v4",
            s3={"addressing_style": config.get("S3_ADDRESSING_STYLE") or "auto"},
        )
        client = boto3.session.Session().client(
            "s3",
            endpoint_url=config.get("S3_ENDPOINT_URL") or None,
            region_name=config.get("S3_REGION") or None,
            config=boto_config,
        )
        return cls(client, bucket, config.get("S3_PREFIX") or "")

    def _key(self, name: str) -> str:
        return f"{self.prefix}{name}"

    def save(self, name: str, data: bytes) -> None:
        if not NAME_RE.match(name):
            raise ValueError(f"bad storage name {name!r}")
        try:
            self.client.put_object(
                Bucket=self.bucket,
                Key=self._key(name),
                Body=data,
                ContentType="image/webp",
                CacheControl=CACHE_CONTROL,
            )
        except (BotoCoreError, ClientError) as error:
            raise StorageUnavailable(str(error)) from error

    def open(self, name: str) -> StoredFile | None:
        if not NAME_RE.match(name):
            return None
        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=self._key(name))
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in MISSING:
                return None
            raise StorageUnavailable(str(error)) from error
        except BotoCoreError as error:
            raise StorageUnavailable(str(error)) from error
        return StoredFile(stream=answer["Body"], size=answer.get("ContentLength"))

    def delete(self, name: str) -> None:
        if not NAME_RE.match(name):
            return
        try:
            self.client.delete_object(Bucket=self.bucket, Key=self._key(name))
        except (BotoCoreError, ClientError) as error:
            raise StorageUnavailable(str(error)) from error

    def check(self) -> None:
        """The bucket answers to these credentials."""
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except (BotoCoreError, ClientError) as error:
            raise StorageUnavailable(str(error)) from error
