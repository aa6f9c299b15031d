"""Static files: fingerprinted URLs cached for a year, compressed, and every file closed (a
compressed copy replaces the file's body; the file itself must still be closed, not left to the
garbage collector)."""

import gc
import gzip

from storefront.static_files import static_url


def test_a_fingerprinted_static_url_is_cached_for_a_year(app, client):
    with app.test_request_context():
        url = static_url("css/site.css")
    assert "?v=" in url
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_a_compressed_static_file_is_whole_and_its_file_is_closed(app, client):
    with app.test_request_context():
        url = static_url("css/site.css")
    response = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    with open(app.static_folder + "/css/site.css", "rb") as css:
        assert gzip.decompress(response.data) == css.read()
    del response
    gc.collect()  # an unclosed file would warn here (ResourceWarning: an error in this suite)
