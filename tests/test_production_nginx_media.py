"""Pictures behind the shipped nginx configuration (scripts/nginx/newsroom.conf): uploads and
renditions are kept for a year (`immutable`), and a rendition nobody has asked for yet is made
once by the app, then served by nginx from the shared folder."""

import re
from io import BytesIO

import pytest
from PIL import Image

from bench.nginx import Nginx
from tests.production_servers import SiteClient

STORE_PICTURE = """
from io import BytesIO
from PIL import Image
from articles.pictures import store_picture
from articles.renditions import renditions_of
buffer = BytesIO()
Image.new("RGB", (900, 600), (30, 120, 60)).save(buffer, format="JPEG")
picture = store_picture(buffer.getvalue(), title="Park", alt="A park.")
print(picture.file.url)
print(renditions_of(picture.source, "16x9", "avif")[1].url)
"""


@pytest.fixture(scope="module")
def nginx(production_site, collected_static, tmp_path_factory):
    with Nginx(
        tmp_path_factory.mktemp("nginx-media"),
        upstream=f"127.0.0.1:{production_site.port}",
        static_root=collected_static,
        media_root=production_site.folder / "media",
    ) as server:
        yield server


@pytest.fixture(scope="module")
def picture(production_site):
    stored = production_site.manage("shell", "-c", STORE_PICTURE)
    upload, rendition = stored.stdout.split()[-2:]
    return upload, rendition


def cache_control(response):
    return ", ".join(response.headers.get_all("Cache-Control"))


def test_an_upload_is_kept_for_a_year(nginx, picture):
    upload, _ = picture
    response = SiteClient(nginx.port).get(upload)
    assert response.status == 200 and response.headers["Content-Type"] == "image/jpeg"
    assert "max-age=31536000" in cache_control(response)
    assert "immutable" in cache_control(response)
    assert "sandbox" in response.headers["Content-Security-Policy"]


def test_a_rendition_is_made_by_the_app_once_then_served_by_nginx(nginx, picture, production_site):
    _, rendition = picture
    stored = production_site.folder / "media" / rendition.removeprefix("/media/")
    assert not stored.exists()
    first = SiteClient(nginx.port).get(rendition)
    assert first.status == 200 and first.headers["Content-Type"] == "image/avif"
    assert "immutable" in cache_control(first)
    assert Image.open(BytesIO(first.body)).size == (480, 270)
    assert stored.exists()
    # nginx answers from the file now: it sends Last-Modified, which the app's answer lacks.
    assert "Last-Modified" not in first.headers
    second = SiteClient(nginx.port).get(rendition)
    assert second.body == first.body and "Last-Modified" in second.headers
    assert "max-age=31536000" in cache_control(second)


def test_a_made_up_rendition_is_a_404_without_drawing_anything(nginx, picture):
    _, rendition = picture
    forged = re.sub(r"-480w-", "-481w-", rendition)
    assert SiteClient(nginx.port).get(forged).status == 404
