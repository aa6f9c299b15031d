"""Photos: only real JPEG/PNG/WebP/HEIC pictures are kept, re-encoded without any metadata."""

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from storefront.catalog.models import Product
from storefront.extensions import db
from tests.factories import listing_form, make_category, make_maker, photo_bytes


@pytest.fixture
def maker(login_as):
    maker = make_maker(with_user=True)
    login_as(maker.user)
    return maker


@pytest.fixture
def category():
    return make_category()


def upload(client, category, files, **fields):
    data = listing_form(category, title_id="Tas Foto Saya", save_draft="1", **fields)
    data["photos"] = [(io.BytesIO(content), name) for name, content in files]
    return client.post("/maker/listings/new", data=data, content_type="multipart/form-data")


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def huge_png_header(side=20000) -> bytes:
    """A tiny file that claims to be a 20000x20000 PNG (a decompression bomb's header)."""
    ihdr = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", idat)
        + png_chunk(b"IEND", b"")
    )


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = {1: "S", 2: (6.0, 7.0, 30.0), 3: "E", 4: (106.0, 52.0, 10.0)}
    exif[0x8825] = gps  # GPSInfo
    return photo_bytes("JPEG", size=(80, 60), exif=exif.tobytes())


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="9"/></svg>'
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"

BAD_FILES = {
    "svg": [("bag.svg", SVG)],
    "html_renamed_jpg": [("bag.jpg", HTML)],
    "decompression_bomb_header": [("bag.png", huge_png_header())],
    "truncated_jpeg": [("bag.jpg", photo_bytes("JPEG", size=(400, 300))[:600])],
    "zero_byte": [("bag.jpg", b"")],
    "too_many_files": [(f"p{i}.jpg", photo_bytes()) for i in range(6)],
    "gif": [("bag.gif", photo_bytes("GIF"))],
    "over_10_mb": [("bag.jpg", photo_bytes() + b"\0" * (10 * 1024 * 1024))],
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_photo_is_refused_with_a_message_and_the_form_kept(client, maker, category, case):
    response = upload(client, category, BAD_FILES[case])
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'class="error" id="photos-error"' in page
    assert 'value="Tas Foto Saya"' in page
    assert db.session.scalar(db.select(Product)) is None


def test_bad_second_photo_is_named_in_the_message(client, maker, category):
    response = upload(client, category, [("a.jpg", photo_bytes()), ("b.jpg", HTML)])
    assert "2" in response.get_data(as_text=True).split('id="photos-error">')[1][:40]


def test_decompression_bomb_header_gets_the_too_many_pixels_message(app, client, maker, category):
    from storefront.media.images import ImageRejected, store_upload
    from storefront.media.storage import get_storage

    with (
        app.test_request_context(headers={"Accept-Language": "en"}),
        pytest.raises(ImageRejected) as error,
    ):
        store_upload(get_storage(), huge_png_header())
    assert "pixels" in str(error.value.message)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_accepted_formats_are_stored_as_webp_sizes(app, client, maker, category, fmt):
    response = upload(client, category, [(f"bag.{fmt.lower()}", photo_bytes(fmt))])
    photo = db.session.scalars(db.select(Product)).one().photos[0]
    root = Path(app.config["UPLOAD_DIR"])
    assert response.status_code == 302
    for width in (400, 1200):
        with Image.open(root / f"{photo.key}-{width}.webp") as stored:
            assert stored.format == "WEBP"


def test_heic_from_a_phone_is_accepted(app, client, maker, category):
    import pillow_heif

    heif = pillow_heif.from_pillow(Image.new("RGB", (64, 48), (10, 120, 60)))
    buffer = io.BytesIO()
    heif.save(buffer, quality=80)
    response = upload(client, category, [("IMG_0001.HEIC", buffer.getvalue())])
    assert response.status_code == 302
    assert len(db.session.scalars(db.select(Product)).one().photos) == 1


def test_stored_photo_keeps_no_exif_and_no_gps(app, client, maker, category):
    original = jpeg_with_gps()
    with Image.open(io.BytesIO(original)) as check:  # the test file really carries GPS
        assert check.getexif().get_ifd(0x8825)
    upload(client, category, [("home.jpg", original)])
    photo = db.session.scalars(db.select(Product)).one().photos[0]
    for width in (400, 1200):
        path = Path(app.config["UPLOAD_DIR"]) / f"{photo.key}-{width}.webp"
        with Image.open(path) as stored:
            assert "exif" not in stored.info and "xmp" not in stored.info
            assert len(stored.getexif()) == 0
        assert b"Exif" not in path.read_bytes() and b"PhoneMaker" not in path.read_bytes()


def test_stored_names_are_server_generated(app, client, maker, category):
    upload(client, category, [("../../etc/passwd.jpg", photo_bytes())])
    key = db.session.scalars(db.select(Product)).one().photos[0].key
    assert "passwd" not in key and len(key) == 24


def test_stored_photo_is_served_as_webp(client, maker, category):
    upload(client, category, [("bag.jpg", photo_bytes())])
    key = db.session.scalars(db.select(Product)).one().photos[0].key
    with client.get(f"/media/{key}-400.webp") as response:  # closes the served file
        assert response.status_code == 200 and response.mimetype == "image/webp"
