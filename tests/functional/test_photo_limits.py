"""Photos are decoded within a budget: JPEG at a reduced scale, other formats whole under a cap."""

import io
from pathlib import Path

import pytest
from PIL import Image

from storefront.catalog.models import ListingStatus as L
from storefront.catalog.models import Product
from storefront.extensions import db
from tests.factories import listing_form, make_category, make_maker, make_product, photo_bytes
from tests.functional.test_photo_uploads import huge_png_header

EN = {"Accept-Language": "en"}
ROTATE_90 = 6  # EXIF Orientation: shown turned, so the shown width is the stored height


@pytest.fixture
def maker(login_as):
    maker = make_maker(with_user=True)
    login_as(maker.user)
    return maker


def post_listing(client, files, product=None, **headers):
    category = product.category if product else make_category()
    data = listing_form(category, title_id="Tas Besar", save_draft="1")
    data["photos"] = [(io.BytesIO(content), name) for name, content in files]
    url = f"/maker/listings/{product.id}/edit" if product else "/maker/listings/new"
    return client.post(url, data=data, headers=headers, content_type="multipart/form-data")


def stored_photo(app, width=1200) -> Image.Image:
    photo = db.session.scalars(db.select(Product)).one().photos[0]
    return Image.open(Path(app.config["UPLOAD_DIR"]) / f"{photo.key}-{width}.webp")


def test_png_over_the_decode_cap_is_refused_in_indonesian_and_the_photos_kept(app, client, maker):
    product = make_product(maker, status=L.DRAFT, photos=2)
    before = [(p.key, p.width, p.height) for p in product.photos]
    over_cap = huge_png_header(4200)  # 17.6 megapixels: under the header cap, over the PNG cap
    response = post_listing(client, [("big.png", over_cap)], product=product)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "paling banyak 16 megapiksel" in page.split('id="photos-error">')[1][:200]
    photos = db.session.get(Product, product.id).photos
    assert [(p.key, p.width, p.height) for p in photos] == before
    for key, *_ in before:
        assert (Path(app.config["UPLOAD_DIR"]) / f"{key}-1200.webp").is_file()


def test_png_over_the_cap_gets_the_message_in_english_too(client, maker):
    files = [("big.png", huge_png_header(4200))]
    response = post_listing(client, files, **EN)
    assert "at most 16 megapixels" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(Product)) is None


def test_a_sideways_jpeg_is_decoded_small_but_still_full_width_when_shown(app, client, maker):
    exif = Image.Exif()
    exif[0x0112] = ROTATE_90
    sideways = photo_bytes("JPEG", size=(4000, 1300), exif=exif.tobytes())  # shown 1300 wide
    assert post_listing(client, [("phone.jpg", sideways)]).status_code == 302
    photo = db.session.scalars(db.select(Product)).one().photos[0]
    assert photo.height > photo.width >= 1200
    with stored_photo(app) as large:
        assert large.width == 1200 and large.height > large.width


def test_a_large_jpeg_is_decoded_at_a_reduced_scale(app, client, maker):
    assert post_listing(client, [("big.jpg", photo_bytes("JPEG", size=(5000, 3000)))]).status_code
    photo = db.session.scalars(db.select(Product)).one().photos[0]
    assert (photo.width, photo.height) == (1250, 750)  # JPEG's own 1/4 scale, never under 1200
    with stored_photo(app) as large:
        assert large.size == (1200, 720)


def test_a_wide_palette_png_with_transparency_is_reduced_and_keeps_its_alpha(app, client, maker):
    picture = Image.new("P", (2600, 200), 1)
    picture.paste(0, (0, 0, 1300, 200))  # the left half is transparent
    picture.putpalette([255, 255, 255, 200, 60, 30] + [0] * 762)
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", transparency=0)
    assert post_listing(client, [("cutout.png", buffer.getvalue())]).status_code == 302
    photo = db.session.scalars(db.select(Product)).one().photos[0]
    assert (photo.width, photo.height) == (1300, 100)  # reduced by 2 before anything else
    with stored_photo(app) as large:
        assert large.mode == "RGBA"
        red, green, blue, alpha = large.getpixel((1190, 10))
        assert large.getpixel((10, 10))[3] == 0 and alpha == 255
        assert abs(red - 200) + abs(green - 60) + abs(blue - 30) < 10  # WebP is lossy


def test_a_strip_too_long_for_any_rendition_is_refused_not_a_500(client, maker):
    strip = photo_bytes("PNG", size=(400, 17000))  # WebP cannot hold a side over 16383
    response = post_listing(client, [("strip.png", strip)], **EN)
    assert response.status_code == 400
    assert "too long and narrow" in response.get_data(as_text=True)


def test_a_large_progressive_jpeg_is_refused_before_decoding(client, maker):
    """libjpeg holds a progressive file's coefficients at full size even when decoding small."""
    progressive = photo_bytes("JPEG", size=(4200, 4100), progressive=True)  # 17.2 megapixels
    response = post_listing(client, [("export.jpg", progressive)], **EN)
    assert response.status_code == 400
    assert "progressive, which allows at most 16 megapixels" in response.get_data(as_text=True)


def test_a_progressive_jpeg_within_the_cap_is_accepted(client, maker):
    progressive = photo_bytes("JPEG", size=(3000, 2000), progressive=True)
    assert post_listing(client, [("export.jpg", progressive)]).status_code == 302
