"""Verify, normalise and resize uploaded images; the only module that decodes untrusted pictures."""

import io
import secrets
from dataclasses import dataclass
from typing import IO

from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

from storefront.errors import DomainError

# The sizes the pages use: cards and thumbnails take 400, the gallery 1200.
SIZES = (400, 1200)
MAX_WIDTH = max(SIZES)
MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # in the file's header, any format
# What one photo may decode to at once (Pillow holds 4 bytes a pixel: 64 MB). A JPEG decodes at a
# reduced scale and stays far below it; formats decoded whole must have at most this many pixels.
MAX_DECODED_PIXELS = 16_000_000
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "HEIF", "MPO"}
DRAFT_FORMATS = {"JPEG", "MPO"}
REDUCIBLE_MODES = {"L", "LA", "RGB", "RGBA", "CMYK", "I", "F"}
WEBP_MAX_SIDE = 16383  # the format's limit: a longer rendition cannot be written

Upload = bytes | IO[bytes]  # a file is read only when its turn comes, so one photo is in memory

try:  # HEIC from iPhones and some Android cameras, when the wheel installs here.
    from pillow_heif import register_heif_opener

    register_heif_opener()
except ImportError:  # pragma: no cover - optional
    pass


class ImageRejected(DomainError):
    """The file is not a picture we accept."""


@dataclass(frozen=True)
class StoredImage:
    """Width and height are those of the picture the sizes were made from: the upload's own, or
    reduced on decoding but still at least MAX_WIDTH wide (pages use them for the aspect ratio)."""

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
        return _decode_small(Image.open(io.BytesIO(data)))
    except ImageRejected:
        raise
    except Image.DecompressionBombError:  # Pillow refuses huge headers before our own check runs
        raise ImageRejected(_("The photo has too many pixels.")) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ImageRejected(_("This file is not a readable photo.")) from None


def _swaps_axes(image: Image.Image) -> bool:
    """EXIF says the picture is shown turned by 90 degrees, so its shown width is its height."""
    return image.getexif().get(ExifTags.Base.Orientation, 1) in (5, 6, 7, 8)


def _shown_width(image: Image.Image) -> int:
    return image.height if _swaps_axes(image) else image.width


def _decode_small(image: Image.Image) -> Image.Image:
    """Decode within MAX_DECODED_PIXELS and no wider than needed, so memory stays bounded.

    A JPEG is decoded straight at 1/2, 1/4 or 1/8 scale (draft), still at least MAX_WIDTH wide.
    Pillow cannot decode PNG, WebP or HEIC at a lower scale: those are decoded whole, so they
    have the lower cap, and are reduced to the width we need before anything else is done.
    """
    original_pixels = image.width * image.height
    if image.format in DRAFT_FORMATS:
        image.draft("RGB", (1, MAX_WIDTH) if _swaps_axes(image) else (MAX_WIDTH, 1))
    _check_budget(image, original_pixels)
    _check_shape(image)
    image.load()
    factor = _shown_width(image) // MAX_WIDTH
    if factor < 2:
        return image
    with image:  # the whole-size picture is released as soon as the reduced one exists
        source = image
        if image.mode not in REDUCIBLE_MODES:  # palette, 1-bit, 16-bit: averaging needs colours
            source = image.convert("RGBA" if _has_alpha(image) else "RGB")
        return source.reduce(factor)


def _check_budget(image: Image.Image, original_pixels: int) -> None:
    """Refuse what cannot be decoded within MAX_DECODED_PIXELS (called after any draft)."""
    from flask_babel import gettext as _

    megapixels = MAX_DECODED_PIXELS // 1_000_000
    if image.format not in DRAFT_FORMATS and image.width * image.height > MAX_DECODED_PIXELS:
        raise ImageRejected(
            _(
                "PNG, WebP and HEIC photos can have at most %(max)d megapixels. "
                "Please send a JPEG, or a smaller picture.",
                max=megapixels,
            )
        )
    # libjpeg keeps a progressive file's coefficients at full size, whatever scale it decodes to.
    if image.info.get("progressive") and original_pixels > MAX_DECODED_PIXELS:
        raise ImageRejected(
            _(
                "This JPEG is saved as progressive, which allows at most %(max)d megapixels. "
                "Please send the photo as your camera made it, or a smaller one.",
                max=megapixels,
            )
        )
    if image.width * image.height > MAX_DECODED_PIXELS:  # e.g. a strip too narrow to scale down
        raise ImageRejected(_("The photo has too many pixels."))


def _check_shape(image: Image.Image) -> None:
    """Refuse what no rendition could hold (either side may end up being the height)."""
    from flask_babel import gettext as _

    short, long = sorted(image.size)
    if long * min(short, MAX_WIDTH) / short > WEBP_MAX_SIDE:
        raise ImageRejected(_("This photo is too long and narrow. Please crop it first."))


def _has_alpha(image: Image.Image) -> bool:
    return "A" in image.getbands() or "transparency" in image.info


def normalise(image: Image.Image) -> Image.Image:
    """Apply EXIF orientation, then keep the pixels alone: no EXIF, GPS or other metadata.
    At most one more full-size copy is made (a mode conversion), never one per step."""
    ImageOps.exif_transpose(image, in_place=True)
    mode = "RGBA" if _has_alpha(image) else "RGB"
    clean = image if image.mode == mode else image.convert(mode)
    clean.info = {}  # EXIF, GPS, ICC, XMP and comments stay behind: the renditions get pixels only
    return clean


def render_sizes(image: Image.Image) -> dict[int, bytes]:
    """WebP renditions at each width in SIZES (never enlarged)."""
    out = {}
    for width in SIZES:
        sized = image
        if image.width > width:
            height = round(image.height * width / image.width)
            sized = image.resize((width, height), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        sized.save(buffer, "WEBP", quality=80, method=4)
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
    """Remove every stored size of one image (and its original, if its sizes were never made)."""
    for width in SIZES:
        storage.delete(f"{key}-{width}.webp")
    storage.delete(original_name(key))


# An upload as it was sent is kept under this name until a job has made its sizes; it may hold
# EXIF and GPS data, so it is never served (media.views) and is deleted once the sizes exist.
ORIGINAL = "0000"


def original_name(key: str) -> str:
    return f"{key}-{ORIGINAL}.webp"


def accept_upload(storage, upload: Upload) -> StoredImage:
    """Verify untrusted bytes (or a file, read now) and keep them as sent; render_original makes
    the sizes later (a job), so the upload request does not wait for the resizing."""
    data = upload if isinstance(upload, bytes) else upload.read(MAX_BYTES + 1)
    with _open_checked(data) as image:
        width, height = image.size
        if _swaps_axes(image):
            width, height = height, width
    key = new_key()
    storage.save(original_name(key), data)
    return StoredImage(key=key, width=width, height=height)


def render_original(storage, key: str) -> bool:
    """Make every size of an accepted upload, then delete its original; False if it is gone."""
    stored = storage.open(original_name(key))
    if stored is None:
        return False
    with stored.stream as stream:
        data = stream.read()
    with _open_checked(data) as image:
        clean = normalise(image)
        for width, data in render_sizes(clean).items():
            storage.save(f"{key}-{width}.webp", data)
    storage.delete(original_name(key))
    return True


def is_waiting(storage, name: str) -> bool:
    """A size not made yet of an upload whose original is still waiting for its job."""
    key, _, _ = name.partition("-")
    stored = storage.open(original_name(key))
    if stored is None:
        return False
    stored.stream.close()
    return True


def store_upload(storage, upload: Upload) -> StoredImage:
    """Verify untrusted bytes (or a file, read now), re-encode them and store every size."""
    data = upload if isinstance(upload, bytes) else upload.read(MAX_BYTES + 1)
    with _open_checked(data) as image:
        return store_image(storage, image)
