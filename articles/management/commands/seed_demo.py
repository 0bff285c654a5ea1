"""Create the demo newspaper: sections, stories, generated lead images and an editor account.

Running it again updates the same rows instead of adding new ones.
"""

from datetime import timedelta
from io import BytesIO

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from articles.demo_content import CATEGORIES, STORIES
from articles.models import Article, Category

EDITOR_USERNAME = "editor"
EDITOR_PASSWORD = "newsroom-editor"


def lead_image_file(colour, slug):
    """A simple generated picture (a colour field with bands), so the demo needs no downloads."""
    image = Image.new("RGB", (1200, 675), colour)
    draw = ImageDraw.Draw(image)
    lighter = tuple(min(255, channel + 24) for channel in image.getpixel((0, 0)))
    for top in range(0, 675, 90):
        draw.rectangle([0, top, 1200, top + 30], fill=lighter)
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return ContentFile(buffer.getvalue(), name=f"{slug}.jpg")


class Command(BaseCommand):
    help = "Create (or refresh) the demo sections, stories and the editor account."

    @transaction.atomic
    def handle(self, *args, **options):
        editor = self.ensure_editor()
        categories = {}
        for position, (slug, name, description) in enumerate(CATEGORIES):
            categories[slug], _ = Category.objects.update_or_create(
                slug=slug, defaults={"name": name, "description": description, "position": position}
            )
        now = timezone.now()
        created = 0
        for story in STORIES:
            article, was_created = Article.objects.update_or_create(
                slug=story["slug"],
                defaults={
                    "headline": story["headline"],
                    "standfirst": story["standfirst"],
                    "body": story["body"],
                    "category": categories[story["category"]],
                    "author": editor,
                    "status": Article.Status.PUBLISHED,
                    "published_at": now - timedelta(hours=story["hours_ago"]),
                    "lead_image_alt": story["image_alt"],
                    "comments_open": story["comments_open"],
                },
            )
            created += was_created
            if story["image"] and not article.lead_image:
                picture = lead_image_file(story["image"], story["slug"])
                article.lead_image.save(picture.name, picture)
            # auto_now would stamp every story "updated just now"; set the real history.
            updated_hours_ago = story["updated_hours_ago"] or story["hours_ago"]
            Article.objects.filter(pk=article.pk).update(
                updated_at=now - timedelta(hours=updated_hours_ago)
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo ready: {len(categories)} sections, {len(STORIES)} stories "
                f"({created} new). Editor login: {EDITOR_USERNAME} / {EDITOR_PASSWORD}"
            )
        )

    def ensure_editor(self):
        editor, created = get_user_model().objects.get_or_create(
            username=EDITOR_USERNAME,
            defaults={"first_name": "Dana", "last_name": "Whitlock", "email": "editor@example.com"},
        )
        if created:
            editor.is_staff = True
            editor.is_superuser = True
            editor.set_password(EDITOR_PASSWORD)
            editor.save()
        return editor
