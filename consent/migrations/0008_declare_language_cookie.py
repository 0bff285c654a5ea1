"""Declare Django's language cookie as Necessary: it is set only when a visitor picks a language
with the switcher, and it carries out that choice (the bare home page sends them to it)."""

from django.conf import settings
from django.db import migrations

PURPOSE = (
    "Set when you choose a language with the switcher at the bottom of every page, so that the "
    "home page opens in that language next time. It holds the language code and nothing else."
)


def declare_language_cookie(apps, schema_editor):
    CookieCategory = apps.get_model("consent", "CookieCategory")
    CookieDeclaration = apps.get_model("consent", "CookieDeclaration")
    CookieDeclaration.objects.update_or_create(
        name=settings.LANGUAGE_COOKIE_NAME,
        domain="",
        path="/",
        defaults={
            "category": CookieCategory.objects.get(slug="necessary"),
            "provider": "This site",
            "party": "first",
            "duration": "1 year",
            "purpose": PURPOSE,
        },
    )


def forget_language_cookie(apps, schema_editor):
    CookieDeclaration = apps.get_model("consent", "CookieDeclaration")
    CookieDeclaration.objects.filter(
        name=settings.LANGUAGE_COOKIE_NAME, domain="", path="/"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("consent", "0007_declare_comment_author_cookies")]

    operations = [migrations.RunPython(declare_language_cookie, forget_language_cookie)]
