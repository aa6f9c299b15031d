"""Run in its own process by test_photo_memory.py, so the peak memory it reports is its own.

`make DIR` writes the large test pictures; `measure DIR` uploads them through the test client and
prints, as JSON, each request's status and how far the peak RSS rose above the RSS before.
It always uses its own SQLite file: the memory of decoding photos does not depend on the database,
and the parent test's database must not be touched.
"""

import contextlib
import io
import json
import resource
import sys
from pathlib import Path

from PIL import Image

BIG = (6928, 5196)  # 36 megapixels, like a high-resolution phone photo
JUST_UNDER_PNG_CAP = (4618, 3464)  # 15.99 megapixels


def picture(size: tuple[int, int]) -> Image.Image:
    return Image.linear_gradient("L").resize(size).convert("RGB")


def make(folder: Path) -> None:
    big = picture(BIG)
    big.save(folder / "big.jpg", "JPEG", quality=85)
    big.save(folder / "big_progressive.jpg", "JPEG", quality=85, progressive=True)
    big.save(folder / "big.png", "PNG", compress_level=1)
    del big
    picture(JUST_UNDER_PNG_CAP).save(folder / "under_cap.png", "PNG", compress_level=1)


def _status_kb(field: str) -> int | None:
    status = Path("/proc/self/status")
    if not status.exists():  # pragma: no cover - not Linux
        return None
    for line in status.read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return None  # pragma: no cover


def rss_kb() -> int:
    return _status_kb("VmRSS") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def reset_peak() -> None:
    """Linux keeps a peak RSS per process image; writing 5 to clear_refs sets it to the current."""
    with contextlib.suppress(OSError):  # older kernels: the peak then only overstates the growth
        Path("/proc/self/clear_refs").write_text("5")


def peak_kb() -> int:
    """This process's own peak RSS. ru_maxrss is the fallback only: on Linux it starts from the
    parent's peak (it survives fork and exec), so under a big pytest process it says nothing."""
    return _status_kb("VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _app(folder: Path):
    from config import TestConfig
    from storefront import create_app
    from storefront.extensions import db

    class ProbeConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{folder / 'probe.sqlite3'}"
        INSTANCE_DIR = str(folder / "instance")
        UPLOAD_DIR = str(folder / "instance" / "uploads")
        MAIL_DIR = str(folder / "instance" / "mail")
        WTF_CSRF_ENABLED = False
        RATELIMIT_ENABLED = False

    app = create_app(ProbeConfig)
    with app.app_context():
        db.drop_all()
        db.create_all()
    return app


def measure(folder: Path) -> dict:
    from tests.factories import listing_form, make_category, make_maker, photo_bytes

    app = _app(folder)
    names = ("big.jpg", "big_progressive.jpg", "big.png", "under_cap.png")
    files = {name: (folder / name).read_bytes() for name in names}
    with app.app_context():
        maker, category = make_maker(with_user=True), make_category()
        client = app.test_client()
        from storefront.auth.sessions import open_session

        user = maker.user
        open_session(user)  # a server-side session, as the sign-in form opens
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()

        def upload(content: bytes, name: str):
            data = listing_form(category, save_draft="1")
            data["photos"] = [(io.BytesIO(content), name) for _ in range(5)]
            return client.post(
                "/maker/listings/new",
                data=data,
                headers={"Accept-Language": "en"},
                content_type="multipart/form-data",
            )

        upload(photo_bytes("PNG", size=(1600, 1200)), "warm.png")  # imports, templates, encoders
        reset_peak()
        before = rss_kb()
        result = {"before_kb": before, "peak_before_kb": peak_kb(), "requests": {}}
        for name, content in files.items():
            response = upload(content, name)
            result["requests"][name] = {
                "status": response.status_code,
                "page": response.get_data(as_text=True) if response.status_code != 302 else "",
            }
        result["growth_kb"] = peak_kb() - before
    return result


if __name__ == "__main__":
    command, where = sys.argv[1], Path(sys.argv[2])
    if command == "make":
        make(where)
    else:
        print(json.dumps(measure(where)))
