"""The five built-in cookie categories and the cookies this site sets, as visitors see them."""

from django.conf import settings
from django.db import migrations

CATEGORIES = [
    (
        "necessary",
        "Necessary",
        "These cookies keep the site working and secure: they remember your cookie choices, "
        "protect forms against forgery, keep editors signed in and carry one-off notices from "
        "one page to the next. The site cannot work without them, so they cannot be switched off.",
        True,
    ),
    (
        "functional",
        "Functional",
        "These cookies remember things you ask us to remember, such as your name and email "
        "address on the comment form, so you do not have to type them again.",
        False,
    ),
    (
        "analytical",
        "Analytical",
        "These cookies would help us understand how readers use the site, such as which "
        "stories are read and how people find them, so we can make it better.",
        False,
    ),
    (
        "performance",
        "Performance",
        "These cookies would measure how quickly pages load and respond, so we can find and "
        "fix the slow parts of the site.",
        False,
    ),
    (
        "advertisement",
        "Advertisement",
        "These cookies would be used to show adverts that suit your interests and to measure "
        "how well they work, often by advertising partners who also see you on other sites.",
        False,
    ),
]


def cookies():
    consent_days = getattr(settings, "CONSENT_MAX_AGE_DAYS", 182)
    return [
        (
            "necessary",
            "newsroom_consent",
            f"{consent_days} days",
            "Remembers your cookie choices and a random consent id, so we do not ask on every "
            "page and can show you the record of your choices. It holds nothing else about you.",
        ),
        (
            "necessary",
            "csrftoken",
            "1 year",
            "Protects the forms on this site (comments, cookie choices, editor sign-in) against "
            "cross-site request forgery, where another site tries to post a form in your name.",
        ),
        (
            "necessary",
            "sessionid",
            "2 weeks",
            "Keeps editors signed in to the editing desk. Readers are never given one.",
        ),
        (
            "necessary",
            "messages",
            "Until you close the browser",
            "Carries a one-off notice to the next page after you send a form, for example that "
            "your comment awaits moderation or that your cookie choices are saved.",
        ),
        (
            "functional",
            "newsroom_commenter",
            "1 year",
            "Remembers the name, email address and website you gave on the comment form, to "
            "fill them in next time. Set only when you tick “Remember me”.",
        ),
    ]


def create_catalogue(apps, schema_editor):
    CookieCategory = apps.get_model("consent", "CookieCategory")
    CookieDeclaration = apps.get_model("consent", "CookieDeclaration")
    by_slug = {}
    for order, (slug, name, description, is_necessary) in enumerate(CATEGORIES, start=1):
        by_slug[slug], _ = CookieCategory.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "order": order * 10,
                "is_necessary": is_necessary,
            },
        )
    for slug, name, duration, purpose in cookies():
        CookieDeclaration.objects.update_or_create(
            name=name,
            domain="",
            path="/",
            defaults={
                "category": by_slug[slug],
                "provider": "This site",
                "party": "first",
                "duration": duration,
                "purpose": purpose,
            },
        )


def remove_catalogue(apps, schema_editor):
    CookieCategory = apps.get_model("consent", "CookieCategory")
    CookieDeclaration = apps.get_model("consent", "CookieDeclaration")
    slugs = [slug for slug, *_ in CATEGORIES]
    CookieDeclaration.objects.filter(category__slug__in=slugs).delete()
    CookieCategory.objects.filter(slug__in=slugs).delete()


class Migration(migrations.Migration):
    dependencies = [("consent", "0001_cookie_catalogue_and_consent_log")]

    operations = [migrations.RunPython(create_catalogue, remove_catalogue)]
