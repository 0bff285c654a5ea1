"""Renditions asked for by address: made the first time (articles/renditions.py), then stored,
so nginx or a CDN in front serves the file from then on and this view never sees it again."""

from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe
from PIL import Image

from .renditions import make_rendition, parse_rendition

# A stored name never changes meaning (its source and spec are in it), so it may be kept forever.
FOREVER = "public, max-age=31536000, immutable"


@require_safe
def rendition(request, name):
    wanted = parse_rendition(name)
    if wanted is None:
        raise Http404("No such rendition.")
    try:
        if default_storage.exists(wanted.name):
            with default_storage.open(wanted.name, "rb") as file:
                data = file.read()
        else:
            data = make_rendition(wanted)
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        # The source was deleted, or is an older upload Pillow cannot read: nothing to show.
        raise Http404("No such picture.") from error
    response = HttpResponse(data, content_type=wanted.content_type)
    response["Cache-Control"] = FOREVER
    return response
