"""Draw ahead every rendition the site links to that is not stored yet.

Renditions are made the first time a reader's browser asks for one (articles/renditions.py);
run this after a deploy that changes the widths, formats or SECRET_KEY (which signs the names),
or after restoring uploads without their renditions, so no reader waits for one.

Pictures stored without a model (embeds' thumbnails, renditions.UNLISTED_FOLDERS) are found
in the media storage itself, their size read from each file's header; they get the two crops
an embed placeholder may show.
"""

import time

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from PIL import Image

from articles.models import Article, Picture
from articles.renditions import (
    EVERY_CROP,
    UNLISTED_CROPS,
    UNLISTED_FOLDERS,
    Source,
    every_rendition,
    make_rendition,
)


class Command(BaseCommand):
    help = (
        "Make every missing rendition of the lead images, the media library's pictures and "
        "embeds' thumbnails."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count the missing renditions; make none."
        )

    def handle(self, *args, dry_run=False, **options):
        sources = [
            (article.lead_source, EVERY_CROP) for article in Article.objects.exclude(lead_image="")
        ]
        sources += [(picture.source, EVERY_CROP) for picture in Picture.objects.all()]
        unlisted, gone = unlisted_sources()
        sources += [(source, UNLISTED_CROPS) for source in unlisted]
        missing, made = 0, 0
        started = time.monotonic()
        for source, crops in sources:
            for rendition in every_rendition(source, crops):
                if default_storage.exists(rendition.name):
                    continue
                missing += 1
                if dry_run:
                    continue
                try:
                    make_rendition(rendition)
                    made += 1
                except (OSError, ValueError, Image.DecompressionBombError):
                    gone += 1
                    break  # the picture's file is gone or unreadable; so are its other renditions
        seconds = time.monotonic() - started
        verb = "would make" if dry_run else "made"
        summary = (
            f"{len(sources)} pictures: {missing} renditions missing, {verb} "
            f"{missing if dry_run else made} in {seconds:.1f} s"
        )
        if gone:
            summary += f"; {gone} pictures whose file is missing or unreadable were skipped"
        self.stdout.write(self.style.SUCCESS(summary + "."))


def unlisted_sources():
    """The pictures stored in UNLISTED_FOLDERS, as Sources, and how many could not be read."""
    found, unreadable = [], 0
    for folder in UNLISTED_FOLDERS:
        if not default_storage.exists(folder):
            continue
        for file_name in sorted(default_storage.listdir(folder)[1]):
            name = f"{folder}/{file_name}"
            try:
                with default_storage.open(name, "rb") as file, Image.open(file) as image:
                    found.append(Source(name, *image.size, 0.5, 0.5))
            except (OSError, ValueError, Image.DecompressionBombError):
                unreadable += 1
    return found, unreadable
