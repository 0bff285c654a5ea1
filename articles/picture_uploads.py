"""What an uploaded picture must be, and what is kept of it.

Every upload (a lead image, a picture for the media library) is decoded once, checked against
the limits in the settings, and written again by Pillow: the camera's EXIF (GPS position,
serial numbers, the owner's name), XMP and IPTC blocks do not survive. Only two things do: the
orientation, applied to the pixels so the picture stands the right way up without a tag, and the
colour profile, without which colours would shift. The result is named after a digest of its
own bytes, so a stored name always means the same picture and its renditions can be cached
forever (articles/renditions.py).

A file that is not a picture, is of a type we do not serve, is too large, too many pixels (a
"decompression bomb": a few kilobytes that decode into gigabytes), or cut short is refused with
an error an editor can act on, before anything is decoded in full.
"""

import hashlib
import warnings
from io import BytesIO

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

# What Pillow may open at all: the formats browsers show and cameras and editors send.
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
JPEG_QUALITY = 90


class PreparedPicture(ContentFile):
    """An upload already checked and written again without metadata (so it is not done twice
    when a form hands it to the model)."""

    def __init__(self, content, name, width, height):
        super().__init__(content, name=name)
        self.width, self.height = width, height
        self.content_type = "image/png" if name.endswith(".png") else "image/jpeg"

    @property
    def digest(self):
        return self.name.rsplit("/", 1)[-1].split(".")[0]


def prepare_picture(upload):
    """Check `upload` (a file or bytes) and return it as a PreparedPicture named
    `<sha256 of its new bytes>.jpg` (`.png` for a PNG upload or a picture with transparency).

    Raises ValidationError with a message for the editor when the upload is refused.
    """
    if isinstance(upload, PreparedPicture):
        return upload
    data = upload if isinstance(upload, bytes) else _read(upload)
    image = _open_checked(data)
    try:
        image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(
            _("This picture is damaged or cut short; upload it again from the original."),
            code="truncated",
        ) from error
    icc_profile, was_png = image.info.get("icc_profile"), image.format == "PNG"
    image = ImageOps.exif_transpose(image)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    buffer = BytesIO()
    # A PNG is kept lossless: charts, maps and screenshots blur as JPEG.
    if has_alpha or was_png:
        image = image.convert("RGBA" if has_alpha else "RGB")
        image.save(buffer, format="PNG", optimize=True, icc_profile=icc_profile)
        extension = "png"
    else:
        image = image.convert("RGB")
        image.save(buffer, format="JPEG", quality=JPEG_QUALITY, icc_profile=icc_profile)
        extension = "jpg"
    content = buffer.getvalue()
    name = f"{hashlib.sha256(content).hexdigest()[:32]}.{extension}"
    return PreparedPicture(content, name, *image.size)


def _read(upload):
    upload.seek(0)
    limit = settings.PICTURE_MAX_BYTES
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(
            _("This file is larger than %(limit)d MB; save a smaller copy and upload that."),
            params={"limit": limit // 1_000_000},
            code="too_large",
        )
    return data


def _open_checked(data):
    """Open `data` reading only its header, and refuse it before decoding if it breaks a rule."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(BytesIO(data), formats=ACCEPTED_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_many_pixels() from error
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("This file is not a picture we can use: upload a JPEG, PNG or WebP file."),
            code="wrong_type",
        ) from error
    width, height = image.size
    if max(width, height) > settings.PICTURE_MAX_SIDE:
        raise ValidationError(
            _(
                "This picture is %(width)d × %(height)d pixels; its longer side may be at most "
                "%(limit)d. Save a smaller copy and upload that."
            ),
            params={"width": width, "height": height, "limit": settings.PICTURE_MAX_SIDE},
            code="too_wide",
        )
    if width * height > settings.PICTURE_MAX_PIXELS:
        raise _too_many_pixels()
    return image


def _too_many_pixels():
    return ValidationError(
        _("This picture has more than %(limit)d million pixels; save a smaller copy."),
        params={"limit": settings.PICTURE_MAX_PIXELS // 1_000_000},
        code="too_many_pixels",
    )


class PictureUploadField(forms.ImageField):
    """The form field of a picture upload: a refused file is an error next to the field, with
    the reason, and an accepted one is prepared once, here, for the model to store."""

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        return None if upload is None else prepare_picture(upload)
