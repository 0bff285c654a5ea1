"""Our own copy of an embed's thumbnail, so a placeholder never asks the provider for it.

One function, `store_thumbnail`, so the image pipeline can later take the file over: the picture
is decoded (refusing anything too large to decode safely), re-encoded as JPEG by Pillow without
its metadata (no EXIF, no location, no comments from the provider), and stored under a name made
from its content in our media storage.
"""

import hashlib
from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, UnidentifiedImageError

MAX_SOURCE_BYTES = 5 * 1024 * 1024
MAX_SOURCE_PIXELS = 40_000_000
LARGEST_SIDE = 1280
FOLDER = "embeds"


class ThumbnailRefused(Exception):
    pass


def store_thumbnail(data):
    """Store `data` (image bytes) as our own JPEG; return (storage path, width, height)."""
    if len(data) > MAX_SOURCE_BYTES:
        raise ThumbnailRefused("too large")
    try:
        with Image.open(BytesIO(data)) as source:
            if source.width * source.height > MAX_SOURCE_PIXELS:
                raise ThumbnailRefused("too many pixels")
            picture = source.convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise ThumbnailRefused("not an image") from error
    picture.thumbnail((LARGEST_SIDE, LARGEST_SIDE))
    encoded = BytesIO()
    # Saved without exif= or icc_profile=: nothing of the source's metadata is kept.
    picture.save(encoded, "JPEG", quality=82, optimize=True)
    content = encoded.getvalue()
    name = f"{FOLDER}/{hashlib.sha256(content).hexdigest()[:32]}.jpg"
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(content))
    return name, picture.width, picture.height
