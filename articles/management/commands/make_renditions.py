"""Draw ahead every rendition the site links to that is not stored yet.

Renditions are made the first time a reader's browser asks for one (articles/renditions.py);
run this after a deploy that changes the widths, formats or SECRET_KEY (which signs the names),
or after restoring uploads without their renditions, so no reader waits for one.
"""

import time

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from PIL import Image

from articles.models import Article, Picture
from articles.renditions import every_rendition, make_rendition


class Command(BaseCommand):
    help = "Make every missing rendition of the lead images and the media library's pictures."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count the missing renditions; make none."
        )

    def handle(self, *args, dry_run=False, **options):
        sources = [article.lead_source for article in Article.objects.exclude(lead_image="")]
        sources += [picture.source for picture in Picture.objects.all()]
        missing, made, gone = 0, 0, 0
        started = time.monotonic()
        for source in sources:
            for rendition in every_rendition(source):
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
