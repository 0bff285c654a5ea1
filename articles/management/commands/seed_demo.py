"""Create the demo newspaper: sections, stories, generated lead images and an editor account.

Running it again updates the same rows instead of adding new ones.
"""

from datetime import timedelta
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from articles.demo_content import CATEGORIES, CATEGORY_TRANSLATIONS, STORIES
from articles.demo_images import lead_image_file
from articles.models import Article, Category, CategoryTranslation
from articles.picture_uploads import prepare_picture
from articles.pictures import store_picture

EDITOR_USERNAME = "editor"
EDITOR_PASSWORD = "newsroom-editor"
DEMO_EMBED_FIXTURES = "consent/fixtures/embeds"
# Written this long before a story went out, as a newsroom would.
WRITING_TIME = timedelta(hours=1)


def history(published_at, story):
    """When the story was written and last edited, given when it went out.

    Derived from the stored publish time, so seeding again keeps every stamp where it was.
    """
    updated_at = published_at
    if story["updated_hours_ago"] is not None:
        updated_at += timedelta(hours=story["hours_ago"] - story["updated_hours_ago"])
    return {"created_at": published_at - WRITING_TIME, "updated_at": updated_at}


def has_current_picture(article, picture):
    """Whether the stored lead image is `picture` (stored names are digests of the content, so
    an older seed's drawing is replaced and the same one is kept)."""
    stored = PurePath(article.lead_image.name).name if article.lead_image else ""
    return stored == prepare_picture(picture).name


def with_inline_picture(body, inline):
    """`body` with the media library picture `inline` (a story's "inline_picture") after its
    first paragraph, as an editor inserts one."""
    drawing = lead_image_file(inline["kind"], inline["colour"], inline["title"])
    picture = store_picture(
        drawing,
        title=inline["title"],
        alt=inline["alt"],
        caption=inline["caption"],
        credit=inline["credit"],
    )
    first, rest = body.split("</p>", 1)
    return f'{first}</p>\n<p><img src="{picture.file.url}" alt=""></p>{rest}'


class Command(BaseCommand):
    help = "Create (or refresh) the demo sections, stories and the editor account."

    def handle(self, *args, **options):
        # The regatta story embeds a video, a chart and a post: their providers are answered
        # from the demo's own files, so seeding needs no network (docs/embeds.md).
        fixtures = settings.EMBED_FIXTURES_DIR or str(settings.BASE_DIR / DEMO_EMBED_FIXTURES)
        with override_settings(EMBED_FIXTURES_DIR=fixtures):
            self.seed()

    @transaction.atomic
    def seed(self):
        editor = self.ensure_editor()
        categories = {}
        for position, (slug, name, description) in enumerate(CATEGORIES):
            categories[slug], _ = Category.objects.update_or_create(
                slug=slug, defaults={"name": name, "description": description, "position": position}
            )
            for language, (name, description) in CATEGORY_TRANSLATIONS.get(slug, {}).items():
                CategoryTranslation.objects.update_or_create(
                    category=categories[slug],
                    language=language,
                    defaults={"name": name, "description": description},
                )
        now = timezone.now()
        created = 0
        for story in STORIES:
            fields = {
                "headline": story["headline"],
                "standfirst": story["standfirst"],
                "body": story["body"],
                "category": categories[story["category"]],
                "author": editor,
                "status": Article.Status.PUBLISHED,
                "lead_image_alt": story["image_alt"],
                "comments_open": story["comments_open"],
            }
            if story.get("inline_picture"):
                fields["body"] = with_inline_picture(story["body"], story["inline_picture"])
            # Only a new story gets a publish time; an existing one keeps its own, so seeding
            # again does not move the front page's stories forward.
            published_at = now - timedelta(hours=story["hours_ago"])
            article, was_created = Article.objects.update_or_create(
                slug=story["slug"],
                defaults=fields,
                create_defaults={**fields, "published_at": published_at},
            )
            created += was_created
            if story["image"]:
                picture = lead_image_file(*story["image"], story["slug"])
                if not has_current_picture(article, picture):
                    if article.lead_image:
                        article.lead_image.delete(save=False)
                    article.lead_image.save(picture.name, picture)
            # auto_now and auto_now_add stamp every story "written and edited just now", which
            # hides the "Updated" line; set the story's own history instead.
            Article.objects.filter(pk=article.pk).update(**history(article.published_at, story))
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
