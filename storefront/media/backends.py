"""Which storage the configuration names (a module of its own: it imports both backends)."""

from collections.abc import Mapping
from typing import Any

from storefront.media.storage import LocalStorage, Storage


def build_storage(config: Mapping[str, Any]) -> Storage:
    """The storage the configuration names: STORAGE_BACKEND "local" (default) or "s3"."""
    backend = (config.get("STORAGE_BACKEND") or "local").lower()
    if backend == "s3":
        from storefront.media.s3 import S3Storage  # boto3 is loaded only for this backend

        return S3Storage.from_config(config)
    if backend != "local":
        raise RuntimeError(f"STORAGE_BACKEND must be 'local' or 's3', not {backend!r}")
    return LocalStorage(config["UPLOAD_DIR"])
