"""Which built-in category grants each Google Consent Mode v2 type."""

from django.db import migrations

CONSENT_MODE_TYPES = {
    "ad_storage": "advertisement",
    "ad_user_data": "advertisement",
    "ad_personalization": "advertisement",
    "analytics_storage": "analytical",
    "functionality_storage": "functional",
    "personalization_storage": "functional",
    "security_storage": "necessary",
}


def map_consent_mode_types(apps, schema_editor):
    CookieCategory = apps.get_model("consent", "CookieCategory")
    ConsentModeType = apps.get_model("consent", "ConsentModeType")
    categories = {category.slug: category for category in CookieCategory.objects.all()}
    for name, slug in CONSENT_MODE_TYPES.items():
        if slug in categories:
            ConsentModeType.objects.get_or_create(name=name, defaults={"category": categories[slug]})


def unmap_consent_mode_types(apps, schema_editor):
    apps.get_model("consent", "ConsentModeType").objects.filter(
        name__in=list(CONSENT_MODE_TYPES)
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("consent", "0005_consent_mode_tags_undeclared_cookies")]

    operations = [migrations.RunPython(map_consent_mode_types, unmap_consent_mode_types)]
