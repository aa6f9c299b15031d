"""A phone photo taken upright (EXIF orientation) is stored upright, and without the EXIF."""

import io
from pathlib import Path

from PIL import Image

from storefront.catalog.models import Product
from storefront.extensions import db
from tests.factories import listing_form, make_category, make_maker, photo_bytes

ROTATE_90 = 6  # EXIF Orientation: the camera was held upright, the pixels lie on their side


def test_exif_orientation_is_applied_before_the_metadata_is_stripped(app, client, login_as):
    maker = make_maker(with_user=True)
    login_as(maker.user)
    exif = Image.Exif()
    exif[0x0112] = ROTATE_90
    sideways = photo_bytes("JPEG", size=(800, 600), exif=exif.tobytes())
    data = listing_form(make_category(), save_draft="1")
    data["photos"] = [(io.BytesIO(sideways), "upright.jpg")]
    client.post("/maker/listings/new", data=data, content_type="multipart/form-data")
    photo = db.session.scalars(db.select(Product)).one().photos[0]
    assert (photo.width, photo.height) == (600, 800)
    with Image.open(Path(app.config["UPLOAD_DIR"]) / f"{photo.key}-400.webp") as stored:
        assert stored.height > stored.width
        assert len(stored.getexif()) == 0
