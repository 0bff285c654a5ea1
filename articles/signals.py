"""Retire cached reader pages when what they show changes (see newsroom/pagecache.py).

Any saved or deleted story, section or section translation starts a new site generation: home,
section, author and story pages and the feeds are all rendered again. So does a saved or deleted
correction: it shows on its story, on /corrections/ and in the corrections feeds (nothing else
happens, no mail goes out). So does a media library picture: its alt text, caption, credit and
focal point show in the stories that use it. A story's own comments have a scope of their own
(bumped by the comments app), so a new comment does not re-render the whole site.
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from newsroom.models import SITE_SCOPE, PageGeneration

from .models import Article, Category, CategoryTranslation, Correction, Picture


@receiver([post_save, post_delete], sender=Article)
@receiver([post_save, post_delete], sender=Picture)
@receiver([post_save, post_delete], sender=Category)
@receiver([post_save, post_delete], sender=CategoryTranslation)
@receiver([post_save, post_delete], sender=Correction)
def retire_pages_showing(sender, **kwargs):
    PageGeneration.objects.bump(SITE_SCOPE)


def retire_pages_after_migrate(sender, **kwargs):
    # Every deployment runs migrate: pages rendered by the old code (templates, settings) go.
    PageGeneration.objects.bump(SITE_SCOPE)


@receiver([post_save, post_delete], sender=get_user_model())
def retire_pages_with_byline(sender, update_fields=None, **kwargs):
    # Logging in saves last_login only; a byline changes only when the name does.
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    PageGeneration.objects.bump(SITE_SCOPE)
