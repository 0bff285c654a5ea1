"""Renditions: the sized, cropped, re-encoded copies of a picture that readers download.

A rendition is named by everything it is made from: the source's stored name (itself a digest
of the source's bytes, articles/picture_uploads.py), the crop (a ratio around the focal point),
the width and the format, plus a signature of all of these. So a name never changes meaning:
browsers, nginx and CDNs may keep it forever (`immutable`), and a new focal point or a new
upload simply gives new names. The signature means only the variants the site itself links to
can be asked for: nobody can make the server draw a thousand widths of a picture.

Renditions are made once, the first time one is asked for (`make_rendition`, from the view in
articles/media_views.py or `manage.py make_renditions`), then stored beside the uploads and
served as files: never drawn again for a request.
"""

import re
from collections import namedtuple
from dataclasses import dataclass
from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.crypto import constant_time_compare, salted_hmac
from PIL import Image

# Enough steps that a browser never downloads more than about 1.5 times the pixels it shows.
WIDTHS = (320, 480, 640, 800, 960, 1280, 1600)
# The crops: the lead's and teaser's 16:9, the 1.91:1 social card (1,200 x 630), a square.
RATIOS = {"16x9": (16, 9), "40x21": (40, 21), "1x1": (1, 1)}
WHOLE = "whole"  # no crop: pictures in a story's text keep their own shape
EVERY_CROP = (*RATIOS, WHOLE)
SOCIAL_CARD_WIDTH = 1200
# The order a <picture> offers them in: the smallest files first.
# AVIF at speed 8 is five times faster to make than the default 6, for files 3% larger.
FORMATS = {
    "avif": ("AVIF", "image/avif", {"quality": 50, "speed": 8}),
    "webp": ("WEBP", "image/webp", {"quality": 75, "method": 4}),
    "jpg": ("JPEG", "image/jpeg", {"quality": 80, "optimize": True, "progressive": True}),
    "png": ("PNG", "image/png", {"optimize": True}),
}
FOLDER = "renditions"
# Where the pictures renditions are made from live: stories' lead images, the media library,
# and pictures shown without a library entry (embeds: the thumbnails consent/embedding.py keeps
# of embedded content, stored through articles.pictures.store_unlisted_picture).
UNLISTED_FOLDERS = ("embeds",)
SOURCE_FOLDERS = ("lead-images", "pictures", *UNLISTED_FOLDERS)
# What an unlisted picture is drawn as: an embed placeholder's 16:9 (a video) or whole frame.
UNLISTED_CROPS = ("16x9", WHOLE)

Source = namedtuple("Source", "name width height focus_x focus_y")

_NAME = re.compile(
    # Any stored picture's name: older uploads kept the camera's (IMG_0042.JPG, a GIF...).
    rf"^{FOLDER}/(?P<source>(?:{'|'.join(SOURCE_FOLDERS)})/[\w/.-]+?\.\w{{2,5}})/"
    r"(?P<crop>16x9|40x21|1x1|whole)(?:-(?P<fx>\d{1,3})x(?P<fy>\d{1,3}))?-(?P<width>\d{1,4})w"
    r"-(?P<signature>[0-9a-f]{16})\.(?P<format>avif|webp|jpg|png)$"
)


@dataclass(frozen=True)
class Rendition:
    source_name: str
    crop: str  # a key of RATIOS, or WHOLE
    focus: tuple  # whole percentages (x, y); (50, 50) for WHOLE
    width: int
    height: int
    format: str

    @property
    def spec(self):
        framing = (
            self.crop if self.crop == WHOLE else f"{self.crop}-{self.focus[0]}x{self.focus[1]}"
        )
        return f"{framing}-{self.width}w"

    @property
    def name(self):
        signature = _sign(self.source_name, self.spec, self.format)
        return f"{FOLDER}/{self.source_name}/{self.spec}-{signature}.{self.format}"

    @property
    def url(self):
        return default_storage.url(self.name)

    @property
    def content_type(self):
        return FORMATS[self.format][1]


def _sign(source_name, spec, image_format):
    message = f"{source_name}|{spec}|{image_format}"
    return salted_hmac("articles.renditions", message, algorithm="sha256").hexdigest()[:16]


def crop_box(source, crop):
    """The largest box of `crop`'s ratio inside the source, centred on its focal point as far as
    the edges allow: (left, top, right, bottom) in source pixels."""
    width, height = source.width, source.height
    if crop == WHOLE:
        return (0, 0, width, height)
    ratio_w, ratio_h = RATIOS[crop]
    focus_x, focus_y = _percent(source.focus_x) / 100, _percent(source.focus_y) / 100
    if width * ratio_h > height * ratio_w:  # wider than the ratio: cut the sides
        box_w = max(1, round(height * ratio_w / ratio_h))
        left = min(max(round(focus_x * width - box_w / 2), 0), width - box_w)
        return (left, 0, left + box_w, height)
    box_h = max(1, round(width * ratio_h / ratio_w))
    top = min(max(round(focus_y * height - box_h / 2), 0), height - box_h)
    return (0, top, width, top + box_h)


def renditions_of(source, crop, image_format, widths=WIDTHS):
    """The renditions of `source` cropped to `crop` in `image_format`, one per width up to the
    crop's own width (never enlarged), smallest first."""
    left, top, right, bottom = crop_box(source, crop)
    box_w, box_h = right - left, bottom - top
    chosen = [width for width in widths if width <= box_w]
    if box_w < max(widths) and box_w not in chosen:
        chosen.append(box_w)
    focus = (50, 50) if crop == WHOLE else (_percent(source.focus_x), _percent(source.focus_y))
    return [
        Rendition(
            source.name, crop, focus, width, max(1, round(width * box_h / box_w)), image_format
        )
        for width in chosen
    ]


def fallback_format(source):
    return "png" if source.name.lower().endswith((".png", ".gif")) else "jpg"


def social_card(source):
    """The 1,200 x 630 card OpenGraph and Twitter show (smaller if the picture is)."""
    return renditions_of(source, "40x21", "jpg", widths=(SOCIAL_CARD_WIDTH,))[-1]


def _percent(fraction):
    return min(100, max(0, round(fraction * 100)))


def parse_rendition(name):
    """The Rendition a stored name stands for, or None if the site never made that name."""
    match = _NAME.match(name)
    if not match or ".." in match["source"]:
        return None
    crop, image_format = match["crop"], match["format"]
    if (match["fx"] is None) != (crop == WHOLE):
        return None
    focus = (50, 50) if crop == WHOLE else (int(match["fx"]), int(match["fy"]))
    if max(focus) > 100:
        return None
    rendition = Rendition(match["source"], crop, focus, int(match["width"]), 0, image_format)
    expected = _sign(rendition.source_name, rendition.spec, image_format)
    if not constant_time_compare(expected, match["signature"]):
        return None
    return rendition


def make_rendition(rendition):
    """Draw `rendition` from its source and store it under its name; return its bytes.

    Raises FileNotFoundError if the source is gone."""
    with default_storage.open(rendition.source_name, "rb") as file:
        image = Image.open(file)
        image.load()
    icc_profile = image.info.get("icc_profile")
    if image.mode not in ("RGB", "RGBA"):  # palette, greyscale, CMYK: what older uploads hold
        has_alpha = image.mode in ("LA", "PA") or "transparency" in image.info
        image = image.convert("RGBA" if has_alpha else "RGB")
    source = Source(
        rendition.source_name, *image.size, rendition.focus[0] / 100, rendition.focus[1] / 100
    )
    box = crop_box(source, rendition.crop)
    box_w, box_h = box[2] - box[0], box[3] - box[1]
    width = min(rendition.width, box_w)
    size = (width, max(1, round(width * box_h / box_w)))
    image = image.resize(size, Image.Resampling.LANCZOS, box=box, reducing_gap=3.0)
    pillow_format, _, options = FORMATS[rendition.format]
    if pillow_format == "JPEG" and image.mode != "RGB":
        image = image.convert("RGB")
    buffer = BytesIO()
    image.save(buffer, format=pillow_format, icc_profile=icc_profile, **options)
    data = buffer.getvalue()
    # Two readers may ask at once; the second simply finds the file already there.
    if not default_storage.exists(rendition.name):
        default_storage.save(rendition.name, ContentFile(data))
    return data


def every_rendition(source, crops=EVERY_CROP):
    """Every rendition the site links to for `source` in `crops` (every crop unless told):
    what `make_renditions` draws ahead."""
    fallback = fallback_format(source)
    made = [social_card(source)] if "40x21" in crops else []
    for crop in crops:
        if crop == "40x21":
            continue
        for image_format in ("avif", "webp", fallback):
            made.extend(renditions_of(source, crop, image_format))
    return made
