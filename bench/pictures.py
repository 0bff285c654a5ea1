"""Pictures: what a story page's first visit downloads, and what an upload costs to render.

A story whose lead image is a photograph-like 1,600 px JPEG (articles/demo_photo.py; the demo's
drawings compress too well to show anything) is served by this process (the test client, a
throwaway SQLite file). For a 360 px phone and a 1,280 px screen it adds up the gzipped HTML,
CSS and JS the page loads and the lead image the browser would choose: before renditions (the
original in a plain <img>, as the page had) and now (the file the <picture>'s srcset and sizes
lead a browser to, by the HTML standard's rule: the smallest candidate at least as wide as the
slot times the screen's pixel ratio). Then it times one upload: stripping it, and drawing every
rendition the site links to.

    python -m bench.pictures            (part of `make bench`)
"""

import gzip
import os
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

# (viewport width, device pixel ratio): the two screens at 1x, and a phone at 2x.
SCREENS = [(360, 1), (1280, 1), (360, 2)]
STORY_COLUMN = 672  # 42rem, static/css/site.css; the page keeps 1rem margins on each side


def slot_width(viewport):
    return min(viewport - 32, STORY_COLUMN)


def choose(candidates, slot, ratio):
    """The srcset candidate a browser picks: the smallest at least slot x ratio wide."""
    wanted = slot * ratio
    fitting = [rendition for rendition in candidates if rendition.width >= wanted]
    return (
        min(fitting, key=lambda r: r.width) if fitting else max(candidates, key=lambda r: r.width)
    )


def gzipped(data):
    return len(gzip.compress(data, compresslevel=6))


def page_assets(html):
    """The stylesheets and scripts a page loads, as static paths."""
    links = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    scripts = re.findall(r'<script[^>]* src="([^"]+)"', html)
    return links + scripts


def old_lead_markup(html, article):
    """The page as it was before renditions: the original in a plain <img>."""
    start = html.index('<figure class="lead-image">')
    end = html.index("</figure>", start) + len("</figure>")
    old = (
        f'<figure class="lead-image">\n    <img src="{article.lead_image.url}" '
        f'alt="{article.lead_image_alt}" width="{article.lead_image_width}" '
        f'height="{article.lead_image_height}">\n  </figure>'
    )
    return html[:start] + old + html[end:]


def first_visit(client, article, static_root, original):
    """The page's gzipped HTML, its CSS and JS, and a row per screen. `original`: the bytes of
    the upload as the camera or photo desk made it, which the page sent before renditions."""
    from articles.renditions import fallback_format, make_rendition, renditions_of

    html = client.get(article.get_absolute_url()).content.decode()
    assets = 0
    for path in page_assets(html):
        if path.startswith("/static/"):
            assets += gzipped((static_root / path.removeprefix("/static/")).read_bytes())
        else:  # a script the app writes (the consent state)
            assets += gzipped(client.get(path).content)
    rows = []
    source = article.lead_source
    for viewport, ratio in SCREENS:
        slot = slot_width(viewport)
        picked = {}
        for image_format in ("avif", fallback_format(source)):
            rendition = choose(renditions_of(source, "16x9", image_format), slot, ratio)
            picked[image_format] = (rendition, len(make_rendition(rendition)))
        before = gzipped(old_lead_markup(html, article).encode()) + assets + original
        avif, avif_bytes = picked["avif"]
        now = gzipped(html.encode()) + assets + avif_bytes
        rows.append((viewport, ratio, slot, original, avif, avif_bytes, picked, before, now))
    return gzipped(html.encode()), assets, rows


def time_upload(data):
    """Seconds to strip an upload, and to draw each format's renditions (the best of 2 runs)."""
    from django.core.files.storage import default_storage

    from articles.picture_uploads import prepare_picture
    from articles.renditions import Source, every_rendition, make_rendition

    best = None
    for _ in range(2):
        started = time.perf_counter()
        prepared = prepare_picture(data)
        stripping = time.perf_counter() - started
        name = default_storage.save(f"pictures/{prepared.name}", prepared)
        source = Source(name, prepared.width, prepared.height, 0.5, 0.5)
        per_format, counts = defaultdict(float), defaultdict(int)
        for rendition in every_rendition(source):
            started = time.perf_counter()
            make_rendition(rendition)
            per_format[rendition.format] += time.perf_counter() - started
            counts[rendition.format] += 1
        total = stripping + sum(per_format.values())
        if best is None or total < best[0]:
            best = (total, stripping, dict(per_format), dict(counts))
        default_storage.delete(name)
    return best


def main():
    folder = Path(tempfile.mkdtemp(prefix="newsroom-pictures-"))
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DATABASE_URL": f"sqlite:///{folder / 'pictures.sqlite3'}",
            "CACHE_URL": "locmemcache://pictures",
            "DEBUG": "False",
            "SECRET_KEY": "bench-pictures-only-" + "x" * 40,
            "ALLOWED_HOSTS": "testserver",
            "SECURE_SSL_REDIRECT": "False",
            "BENCH_STATIC_ROOT": str(folder / "static"),
            "MEDIA_ROOT": str(folder / "media"),
        }
    )
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from articles.demo_photo import photo_like_jpeg
    from articles.models import Article, Category

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    photo = photo_like_jpeg()
    author = get_user_model().objects.create_user("photo-desk", password="x" * 20)
    article = Article(
        headline="Hills after the rain",
        slug="hills-after-the-rain",
        standfirst="A photograph of the hills.",
        body="<p>The hills were green again.</p>" * 8,
        category=Category.objects.create(name="Nature", slug="nature"),
        author=author,
        status=Article.Status.PUBLISHED,
        lead_image_alt="Green hills under a blue sky.",
    )
    article.lead_image.save("hills.jpg", ContentFile(photo), save=False)
    article.save()
    html_bytes, asset_bytes, rows = first_visit(
        Client(), article, Path(settings.STATIC_ROOT), len(photo)
    )
    print(
        f"Story page first visit (HTML {html_bytes:,} B and CSS + JS {asset_bytes:,} B gzipped; "
        f"lead image: a {article.lead_image_width} px photograph, {len(photo):,} B as uploaded):"
    )
    for viewport, ratio, slot, original, avif, avif_bytes, picked, before, now in rows:
        fallback, fallback_bytes = picked[[key for key in picked if key != "avif"][0]]
        print(
            f"  {viewport} px at {ratio}x (slot {slot} px): lead {original:,} B -> "
            f"{avif_bytes:,} B ({avif.width} px AVIF, {1 - avif_bytes / original:.0%} less; "
            f"{fallback.width} px {fallback.format.upper()} fallback {fallback_bytes:,} B); "
            f"page {before:,} B -> {now:,} B ({1 - now / before:.0%} less)"
        )
    total, stripping, per_format, counts = time_upload(photo)
    made = ", ".join(
        f"{counts[name]} {name.upper()} {seconds:.2f} s" for name, seconds in per_format.items()
    )
    print(
        f"One upload of that photograph: stripped and stored in {stripping:.2f} s; every "
        f"rendition ({sum(counts.values())}) drawn in {total - stripping:.2f} s: {made}."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
