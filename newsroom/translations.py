"""Texts editors translate: a row per object and language, English in the object itself.

The cookie catalogue (consent/models/catalogue.py) and the sections (articles/sections.py) keep
their texts in English in their own fields, and each translation in a row made from
`TranslationRow`: readers see the row of their language, and the English text wherever there is
none. The site's interface is translated with gettext (locale/); these rows are for the texts
editors write themselves.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The language editors write the objects' own fields in, and the one readers fall back to.
SOURCE_LANGUAGE = "en"


def translated_languages():
    """The languages editors can translate into: every language of the site but English (a
    callable, so that changing LANGUAGES needs no migration)."""
    return [(code, name) for code, name in settings.LANGUAGES if code != SOURCE_LANGUAGE]


class TranslationRow(models.Model):
    """One object's texts in one of the site's other languages. A subclass adds the foreign
    key to its object (with related_name="translations"), the texts, and a unique constraint
    on the object and the language."""

    language = models.CharField(
        verbose_name=_("language"), max_length=7, choices=translated_languages
    )

    class Meta:
        abstract = True
