"""Declare the two Necessary cookies commenters get: the one that lets the browser that posted
a comment edit or delete it for a short while, and the one that remembers, until the browser
closes, that its owner confirmed their email address in it."""

from django.conf import settings
from django.db import migrations

PURPOSES = {
    "newsroom_author": (
        "Set when you post a comment, so that this browser, and no other, can edit or delete "
        "it during the short time that is allowed. It names your recent comments and nothing "
        "else about you. Necessary because it carries out what you asked for: a cookie rather "
        "than a secret link, because a link can be forwarded, copied or land in a browser "
        "history someone else reads."
    ),
    "newsroom_confirmed": (
        "Set when you confirm your email address from the link we mailed, so that comments "
        "you post from this browser are recognised as yours. It holds a coded form of the "
        "address that only this site can check, never the address itself."
    ),
}


def declare_comment_author_cookies(apps, schema_editor):
    CookieCategory = apps.get_model("consent", "CookieCategory")
    CookieDeclaration = apps.get_model("consent", "CookieDeclaration")
    necessary = CookieCategory.objects.get(slug="necessary")
    minutes = getattr(settings, "COMMENTS_EDIT_MINUTES", 15)
    durations = {
        "newsroom_author": f"{minutes} minutes",
        "newsroom_confirmed": "Until you close the browser",
    }
    for name, purpose in PURPOSES.items():
        CookieDeclaration.objects.update_or_create(
            name=name,
            domain="",
            path="/",
            defaults={
                "category": necessary,
                "provider": "This site",
                "party": "first",
                "duration": durations[name],
                "purpose": purpose,
            },
        )


def forget_comment_author_cookies(apps, schema_editor):
    CookieDeclaration = apps.get_model("consent", "CookieDeclaration")
    CookieDeclaration.objects.filter(name__in=list(PURPOSES), domain="", path="/").delete()


class Migration(migrations.Migration):
    dependencies = [("consent", "0006_google_consent_mode_types")]

    operations = [
        migrations.RunPython(declare_comment_author_cookies, forget_comment_author_cookies)
    ]
