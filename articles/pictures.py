"""The media library: pictures editors upload once and use in any story's text, each with the
description, caption and credit it is shown with, and the point that must stay in frame.

Other code stores a picture with `store_picture()` (or, for a picture it shows but editors
should not pick from the library, `store_unlisted_picture()`) and shows one through the renditions
(articles/renditions.py); every picture field goes through `PictureField`, which keeps no
metadata of the upload (articles/picture_uploads.py).
"""

from django.core.files.storage import default_storage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .picture_uploads import PictureUploadField, prepare_picture
from .renditions import UNLISTED_FOLDERS, Source


class PictureFieldFile(models.fields.files.ImageFieldFile):
    def save(self, name, content, save=True):
        # Every new file is checked and written again without its metadata, under a name that
        # is a digest of its bytes, whichever path it came by (a form, a factory, a command).
        prepared = prepare_picture(content)
        super().save(prepared.name, prepared, save)


class PictureField(models.ImageField):
    """An ImageField whose uploads are stored without metadata under content-digest names."""

    attr_class = PictureFieldFile

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PictureUploadField, **kwargs})


def focus_field(verbose_name):
    return models.FloatField(
        verbose_name=verbose_name,
        default=0.5,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_(
            "Where the part that must stay in frame is, from 0 (left or top) to 1 (right or "
            "bottom). Click the picture to set it."
        ),
    )


class PictureQuerySet(models.QuerySet):
    def by_files(self, names):
        """The pictures stored under `names`, keyed by name, in one query."""
        return {picture.file.name: picture for picture in self.filter(file__in=set(names))}


class Picture(models.Model):
    file = PictureField(
        verbose_name=_("file"),
        upload_to="pictures/",
        width_field="width",
        height_field="height",
        help_text=_("A JPEG, PNG or WebP file. Location and camera details are removed."),
    )
    width = models.PositiveIntegerField(verbose_name=_("width"), editable=False, default=0)
    height = models.PositiveIntegerField(verbose_name=_("height"), editable=False, default=0)
    title = models.CharField(
        verbose_name=_("title"),
        max_length=200,
        help_text=_("For finding the picture in the library; readers do not see it."),
    )
    alt_text = models.CharField(
        verbose_name=_("alt text"),
        max_length=250,
        help_text=_("Describe the picture for readers who cannot see it."),
    )
    caption = models.CharField(
        verbose_name=_("caption"),
        max_length=300,
        blank=True,
        help_text=_("Shown under the picture in a story."),
    )
    credit = models.CharField(
        verbose_name=_("credit"),
        max_length=120,
        blank=True,
        help_text=_("Who made the picture, as in “Photo: Ada Lovelace”."),
    )
    focus_x = focus_field(_("focal point, across"))
    focus_y = focus_field(_("focal point, down"))
    uploaded_at = models.DateTimeField(verbose_name=_("uploaded at"), auto_now_add=True)

    objects = PictureQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        get_latest_by = "uploaded_at"
        verbose_name = _("picture")
        verbose_name_plural = _("pictures")
        constraints = [
            models.UniqueConstraint(fields=["file"], name="one_picture_per_file"),
            models.CheckConstraint(condition=~models.Q(alt_text=""), name="picture_has_alt"),
        ]

    def __str__(self):
        return self.title

    @property
    def source(self):
        """What the renditions are made from (articles/renditions.py)."""
        return Source(self.file.name, self.width, self.height, self.focus_x, self.focus_y)


def store_picture(file_or_bytes, *, title, alt, caption="", credit="", focus=(0.5, 0.5)):
    """Put a picture in the library and return its Picture; the same picture stored again
    returns the one already there (its texts unchanged).

    `file_or_bytes` is a file object or the picture's bytes. Raises ValidationError if the
    upload is refused (see articles/picture_uploads.py)."""
    prepared = prepare_picture(file_or_bytes)
    existing = Picture.objects.filter(file=f"pictures/{prepared.name}").first()
    if existing is not None:
        return existing
    picture = Picture(title=title, alt_text=alt, caption=caption, credit=credit)
    picture.focus_x, picture.focus_y = focus
    picture.file.save(prepared.name, prepared, save=False)
    picture.save()
    return picture


def store_unlisted_picture(file_or_bytes, folder):
    """Store a picture the site shows but editors do not pick from the library (an embed's
    thumbnail, which belongs to its provider) and return its renditions Source.

    The same checks and metadata stripping as every upload (articles/picture_uploads.py); the
    file is stored as `<folder>/<digest>.<jpg|png>`, once however often it is stored, with its
    focal point in the middle. `folder` is one of renditions.UNLISTED_FOLDERS. Raises
    ValidationError if the picture is refused."""
    if folder not in UNLISTED_FOLDERS:
        raise ValueError(f"{folder!r} is not a folder for pictures outside the library")
    prepared = prepare_picture(file_or_bytes)
    name = f"{folder}/{prepared.name}"
    if not default_storage.exists(name):
        name = default_storage.save(name, prepared)
    return Source(name, prepared.width, prepared.height, 0.5, 0.5)
