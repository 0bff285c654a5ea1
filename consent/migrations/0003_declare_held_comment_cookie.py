"""Declare the cookie that lets a commenter see their own comment while it awaits moderation."""

from django.db import migrations

NAME = "newsroom_held"


def declare_held_comment_cookie(apps, schema_editor):
    CookieCategory = apps.get_model("consent", "CookieCategory")
    CookieDeclaration = apps.get_model("consent", "CookieDeclaration")
    CookieDeclaration.objects.update_or_create(
        name=NAME,
        domain="",
        path="/",
        defaults={
            "category": CookieCategory.objects.get(slug="necessary"),
            "provider": "This site",
            "party": "first",
            "duration": "10 minutes",
            "purpose": "Set when a comment you send is held for moderation, so that you can "
            "see it under the story while it waits and people you share the link with cannot. "
            "It names that comment and holds nothing else about you.",
        },
    )


def remove_held_comment_cookie(apps, schema_editor):
    CookieDeclaration = apps.get_model("consent", "CookieDeclaration")
    CookieDeclaration.objects.filter(name=NAME, domain="", path="/").delete()


class Migration(migrations.Migration):
    dependencies = [("consent", "0002_builtin_cookie_categories")]

    operations = [migrations.RunPython(declare_held_comment_cookie, remove_held_comment_cookie)]
