"""Verify, normalise and resize uploaded images; the only module that decodes untrusted pictures."""

import io
import secrets
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from storefront.errors import DomainError

# The sizes the pages use: cards and thumbnails take 400, the gallery 1200.
SIZES = (400, 1200)
MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "HEIF", "MPO"}

try:  # HEIC from iPhones and some Android cameras, when the wheel installs here.
    from pillow_heif import register_heif_opener

    register_heif_opener()
except ImportError:  # pragma: no cover - optional
    pass


class ImageRejected(DomainError):
    """The file is not a picture we accept."""


@dataclass(frozen=True)
class StoredImage:
    key: str
    width: int
    height: int


def new_key() -> str:
    """A server-generated, unguessable storage key."""
    return secrets.token_hex(12)


def _open_checked(data: bytes) -> Image.Image:
    from flask_babel import gettext as _

    if not data:
        raise ImageRejected(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise ImageRejected(_("The photo is larger than 10 MB."))
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in ALLOWED_FORMATS:
                raise ImageRejected(_("Please send a JPEG, PNG, WebP or HEIC photo."))
            if probe.width * probe.height > MAX_PIXELS:
                raise ImageRejected(_("The photo has too many pixels."))
            probe.verify()
        image = Image.open(io.BytesIO(data))
        image.load()
    except ImageRejected:
        raise
    except Image.DecompressionBombError:  # Pillow refuses huge headers before our own check runs
        raise ImageRejected(_("The photo has too many pixels.")) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ImageRejected(_("This file is not a readable photo.")) from None
    return image


def normalise(image: Image.Image) -> Image.Image:
    """Apply EXIF orientation, then keep the pixels alone: no EXIF, GPS or other metadata."""
    image = ImageOps.exif_transpose(image)
    image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    return clean


def render_sizes(image: Image.Image) -> dict[int, bytes]:
    """WebP renditions at each width in SIZES (never enlarged)."""
    out = {}
    for width in SIZES:
        copy = image.copy()
        if copy.width > width:
            height = round(copy.height * width / copy.width)
            copy = copy.resize((width, height), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        copy.save(buffer, "WEBP", quality=80, method=4)
        out[width] = buffer.getvalue()
    return out


def store_image(storage, image: Image.Image) -> StoredImage:
    """Normalise and store an already-decoded image; returns its key and size."""
    clean = normalise(image)
    key = new_key()
    for width, data in render_sizes(clean).items():
        storage.save(f"{key}-{width}.webp", data)
    return StoredImage(key=key, width=clean.width, height=clean.height)


def delete_image(storage, key: str) -> None:
    """Remove every stored size of one image."""
    for width in SIZES:
        storage.delete(f"{key}-{width}.webp")


def store_upload(storage, data: bytes) -> StoredImage:
    """Verify untrusted bytes, re-encode them and store every size."""
    return store_image(storage, _open_checked(data))
