"""The consent id moves to a cookie of its own, so the decision cookie can be shared by every
visitor who chose the same (and pages cached per decision); readers' forms no longer need the
CSRF cookie, which only editors get now."""

from django.conf import settings
from django.db import migrations

NECESSARY_COOKIES = {
    "newsroom_consent": "Remembers your cookie choices, so we do not ask on every page. It holds "
    "only the choices and the day you made them, the same for everyone who chose alike.",
    "newsroom_consent_id": "A random consent id, set when you make a choice, so we can show you "
    "the record of your choices and prove them if asked. It holds nothing else about you.",
    "csrftoken": "Protects the editors' forms (sign-in and the editing desk) against cross-site "
    "request forgery, where another site tries to post a form in their name. Readers' forms "
    "are protected without it.",
}


def declare_consent_cookies(apps, schema_editor):
    CookieCategory = apps.get_model("consent", "CookieCategory")
    CookieDeclaration = apps.get_model("consent", "CookieDeclaration")
    necessary = CookieCategory.objects.get(slug="necessary")
    consent_days = getattr(settings, "CONSENT_MAX_AGE_DAYS", 182)
    for name, purpose in NECESSARY_COOKIES.items():
        defaults = {"category": necessary, "purpose": purpose}
        if name.startswith("newsroom_consent"):
            defaults.update(provider="This site", party="first", duration=f"{consent_days} days")
        else:
            defaults.update(provider="This site", party="first", duration="1 year")
        CookieDeclaration.objects.update_or_create(
            name=name, domain="", path="/", defaults=defaults
        )


def forget_consent_id_cookie(apps, schema_editor):
    CookieDeclaration = apps.get_model("consent", "CookieDeclaration")
    CookieDeclaration.objects.filter(name="newsroom_consent_id", domain="", path="/").delete()


class Migration(migrations.Migration):
    dependencies = [("consent", "0003_declare_held_comment_cookie")]

    operations = [migrations.RunPython(declare_consent_cookies, forget_consent_id_cookie)]
