"""An embed's thumbnail goes through the picture pipeline: the provider's file is checked and
stripped of its metadata like any upload, and the placeholder offers right-sized AVIF and WebP
renditions served from our own /media/ (docs/embeds.md, docs/pictures.md)."""

import json
import re
import shutil
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from articles.picture_markup import STORY_SIZES
from consent.models import Embed, EmbedProvider
from tests.factories import ArticleFactory
from tests.html import parse

pytestmark = pytest.mark.django_db
VIDEO = "https://www.youtube.com/watch?v=HarbourRgta"
CHART = "https://datawrapper.dwcdn.net/Hb7Xq/1/"
STILL = "https://i.ytimg.com/vi/HarbourRgta/hqdefault.jpg"
FIXTURES = Path(django_settings.BASE_DIR) / "consent" / "fixtures" / "embeds"


def placeholder_picture(client, story, embed):
    html = client.get(story.get_absolute_url()).content.decode()
    figure = parse(html).find("figure", id=f"embed-{embed.pk}")
    assert figure is not None and figure.find("iframe") is None
    return figure.find("picture")


def srcset_entries(srcset):
    """[(address, width)] of a srcset."""
    return [
        (address, int(width[:-1]))
        for address, width in (entry.split() for entry in srcset.split(", "))
    ]


def decoded(client, address):
    response = client.get(address)
    assert response.status_code == 200, address
    return response, Image.open(BytesIO(response.content))


def jpeg(size, colour=(10, 120, 200), exif=None):
    out = BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG", **({"exif": exif} if exif else {}))
    return out.getvalue()


@pytest.fixture
def provider_sends(settings, tmp_path):
    """Answer the YouTube video's oEmbed with the demo's answer and its still with `data`."""

    def answer(data):
        folder = tmp_path / "provider"
        folder.mkdir(exist_ok=True)
        index = json.loads((FIXTURES / "index.json").read_text())
        shutil.copy(FIXTURES / "youtube-oembed.json", folder / "youtube-oembed.json")
        (folder / "still").write_bytes(data)
        index[STILL] = "still"
        (folder / "index.json").write_text(json.dumps(index))
        settings.EMBED_FIXTURES_DIR = str(folder)

    return answer


def test_the_placeholder_offers_avif_and_webp_renditions_of_our_copy(client):
    story = ArticleFactory(body=f"<p>{VIDEO}</p>")
    video = Embed.objects.get(article=story)
    picture = placeholder_picture(client, story, video)
    sources = {source["type"]: source for source in picture.find_all("source")}
    assert list(sources) == ["image/avif", "image/webp"]
    image = picture.one("img")
    # The 480 x 360 still is cut to the player's 16:9: 480 x 270, and offered at 320 and 480 px.
    assert (image["width"], image["height"], image["alt"]) == ("480", "270", "")
    assert image["loading"] == "lazy"
    for element, image_format in ((sources["image/avif"], "AVIF"), (sources["image/webp"], "WEBP")):
        assert element["sizes"] == STORY_SIZES
        entries = srcset_entries(element["srcset"])
        assert [width for _, width in entries] == [320, 480]
        for address, width in entries:
            assert address.startswith(f"/media/renditions/{video.thumbnail}/16x9-")
            response, drawn = decoded(client, address)
            assert (drawn.format, drawn.size) == (image_format, (width, round(width * 9 / 16)))
            assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    # What a 360 px phone downloads (the 320 px AVIF... or at 2x the 480) is smaller than the
    # one file every screen used to get.
    smallest = client.get(srcset_entries(sources["image/avif"]["srcset"])[0][0]).content
    assert len(smallest) < default_storage.size(video.thumbnail) / 5


def test_a_video_still_is_cut_to_16_9_and_loses_its_black_bars(client):
    story = ArticleFactory(body=f"<p>{VIDEO}</p>")
    video = Embed.objects.get(article=story)
    fallback = placeholder_picture(client, story, video).one("img")["src"]
    _, drawn = decoded(client, fallback)
    top_row = [drawn.convert("RGB").getpixel((x, 0)) for x in range(0, drawn.width, 40)]
    assert all(sum(pixel) > 60 for pixel in top_row)  # the source's top 45 rows are black


def test_a_chart_thumbnail_keeps_its_whole_frame(client):
    story = ArticleFactory(body=f"<p>{CHART}</p>")
    chart = Embed.objects.get(article=story)
    picture = placeholder_picture(client, story, chart)
    for source in picture.find_all("source"):
        assert all("/whole-" in address for address, _ in srcset_entries(source["srcset"]))
    # A PNG chart keeps a lossless PNG fallback, as any uploaded PNG does.
    assert picture.one("img")["src"].endswith(".png")


def test_a_thumbnail_is_stored_whole_once_and_without_metadata(provider_sends):
    exif = Image.Exif()
    exif[0x010E] = "Taken at the provider's office"  # ImageDescription
    exif[0x8825] = {1: "N"}  # GPS
    provider_sends(jpeg((2400, 1200), exif=exif))
    first = Embed.objects.get(article=ArticleFactory(body=f"<p>{VIDEO}</p>"))
    second = Embed.objects.get(article=ArticleFactory(body=f"<p>{VIDEO}</p>"))
    assert first.thumbnail == second.thumbnail
    assert (first.thumbnail_width, first.thumbnail_height) == (2400, 1200)
    assert default_storage.listdir("embeds")[1] == [first.thumbnail.split("/")[-1]]
    with default_storage.open(first.thumbnail) as stored, Image.open(stored) as kept:
        assert kept.format == "JPEG" and kept.size == (2400, 1200)
        assert not kept.getexif()
        assert "exif" not in kept.info


@pytest.mark.parametrize(
    "data",
    [
        b"<svg onload=alert(1)>",
        b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
        b"",
        jpeg((640, 360))[:300],  # cut short
        jpeg((13_000, 10)),  # a longer side than PICTURE_MAX_SIDE
    ],
    ids=["svg", "gif", "empty", "truncated", "too-wide"],
)
def test_a_refused_thumbnail_leaves_the_embed_without_one(client, provider_sends, data):
    provider_sends(data)
    story = ArticleFactory(body=f"<p>{VIDEO}</p>")
    video = Embed.objects.get(article=story)
    assert video.title.startswith("Harbour regatta 2026")
    assert (video.thumbnail, video.thumbnail_width, video.thumbnail_height) == ("", None, None)
    assert not default_storage.exists("embeds")
    assert placeholder_picture(client, story, video) is None


def test_a_thumbnail_kept_before_the_pipeline_is_drawn_from_its_renditions(client):
    """Embeds saved before keep their file (a metadata-free JPEG named by its digest, up to
    1,280 px): it is a pipeline source as it is, so no migration rewrites it."""
    story = ArticleFactory(body="<p>Before.</p>")
    name = default_storage.save(
        "embeds/0123456789abcdef0123456789abcdef.jpg", ContentFile(jpeg((1280, 720)))
    )
    video = Embed.objects.create(
        article=story,
        url=VIDEO,
        provider=EmbedProvider.objects.get(slug="youtube"),
        frame_url="https://www.youtube-nocookie.com/embed/HarbourRgta",
        title="The final race",
        thumbnail=name,
        thumbnail_width=1280,
        thumbnail_height=720,
    )
    type(story).objects.filter(pk=story.pk).update(
        body=f'<figure data-embed="{video.pk}"><a href="{VIDEO}">{VIDEO}</a></figure>'
    )
    story.refresh_from_db()
    picture = placeholder_picture(client, story, video)
    avif = picture.find("source", type="image/avif")
    widths = [width for _, width in srcset_entries(avif["srcset"])]
    assert widths == [320, 480, 640, 800, 960, 1280]
    _, drawn = decoded(client, srcset_entries(avif["srcset"])[0][0])
    assert drawn.size == (320, 180)


def test_the_demo_embeds_show_their_thumbnails(client):
    from django.core.management import call_command

    call_command("seed_demo", verbosity=0)
    embeds = Embed.objects.filter(
        article__slug="coastal-rowing-regatta-returns-after-six-year-break"
    )
    with_thumbnails = {embed.provider.slug: embed for embed in embeds if embed.thumbnail}
    assert sorted(with_thumbnails) == ["datawrapper", "youtube"]
    for embed in with_thumbnails.values():
        picture = placeholder_picture(client, embed.article, embed)
        address = picture.find("source", type="image/webp")["srcset"].split()[0]
        assert re.match(rf"/media/renditions/{re.escape(embed.thumbnail)}/", address)
        assert decoded(client, address)[1].format == "WEBP"


def test_make_renditions_draws_the_thumbnails_placeholders_use(client):
    from io import StringIO

    from django.core.management import call_command

    story = ArticleFactory(body=f"<p>{VIDEO}</p>")
    video = Embed.objects.get(article=story)
    default_storage.save("embeds/unreadable.jpg", ContentFile(b"not a picture"))
    out = StringIO()
    call_command("make_renditions", stdout=out)
    assert "1 pictures whose file is missing or unreadable were skipped" in out.getvalue()
    picture = placeholder_picture(client, story, video)
    linked = [
        address
        for source in picture.find_all("source")
        for address, _ in srcset_entries(source["srcset"])
    ]
    linked += [address for address, _ in srcset_entries(picture.one("img")["srcset"])]
    for address in linked:
        assert default_storage.exists(address.removeprefix("/media/")), address
    out = StringIO()
    call_command("make_renditions", stdout=out)
    assert "0 renditions missing" in out.getvalue()
