"""The cookie catalogue editors keep: categories, declared cookies, and their translations.

`CookieCategory` and `CookieDeclaration` are what the consent dialog shows (consent/catalogue.py
reads them for every page); the translations give their texts in the site's other languages.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from newsroom.translations import TranslationRow

# The five categories the site ships with. Code and templates refer to them by slug, so their
# slugs and their "necessary" flag are fixed; editors may still reword them.
BUILT_IN_CATEGORY_SLUGS = ("necessary", "functional", "analytical", "performance", "advertisement")
NECESSARY = "necessary"

# The categories' and cookies' own fields hold the English text (the built-in texts are written
# in English); translations (newsroom/translations.py) give the dialog's texts in the site's
# other languages, and the dialog falls back to English wherever one is missing.


def site_languages():
    """Every language of the site (a callable, so that changing LANGUAGES needs no migration)."""
    return list(settings.LANGUAGES)


class CookieCategory(models.Model):
    slug = models.SlugField(
        verbose_name=_("slug"),
        max_length=40,
        unique=True,
        validators=[
            RegexValidator(
                r"^[a-z][a-z0-9_]*$",
                _("Use lowercase letters, digits and underscores, starting with a letter."),
            )
        ],
        help_text=_(
            "Used by templates and code, e.g. {% if consent.analytical %}. Fixed for the "
            "built-in categories."
        ),
    )
    name = models.CharField(
        verbose_name=_("name"), max_length=60, help_text=_("Shown as the heading of the category.")
    )
    description = models.TextField(
        verbose_name=_("description"),
        help_text=_("Tell visitors in plain words what these cookies do for them or for us."),
    )
    order = models.PositiveSmallIntegerField(
        verbose_name=_("order"),
        default=0,
        help_text=_("Position in the consent dialog; lower numbers come first."),
    )
    is_necessary = models.BooleanField(
        _("necessary"),
        default=False,
        help_text=_(
            "Always on: the site cannot work without these, so visitors cannot refuse them."
        ),
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name_plural = _("cookie categories")
        verbose_name = _("cookie category")

    def __str__(self):
        return self.name

    @property
    def is_built_in(self):
        return self.slug in BUILT_IN_CATEGORY_SLUGS

    def clean(self):
        if not self.pk:
            return
        stored = CookieCategory.objects.filter(pk=self.pk).values("slug", "is_necessary").first()
        if stored and stored["slug"] in BUILT_IN_CATEGORY_SLUGS:
            if self.slug != stored["slug"]:
                raise ValidationError({"slug": _("The slug of a built-in category cannot change.")})
            if self.is_necessary != stored["is_necessary"]:
                raise ValidationError(
                    {"is_necessary": _("Whether a built-in category is necessary cannot change.")}
                )


class CookieDeclaration(models.Model):
    class Party(models.TextChoices):
        FIRST = "first", _("First party")
        THIRD = "third", _("Third party")

    category = models.ForeignKey(
        CookieCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="declarations",
    )
    name = models.CharField(
        verbose_name=_("name"),
        max_length=100,
        help_text=_(
            "The cookie's exact name. End it with * to cover names that start the same "
            "way (e.g. _ga_*)."
        ),
    )
    domain = models.CharField(
        verbose_name=_("domain"),
        max_length=100,
        blank=True,
        help_text=_("Leave empty for a cookie set by this site for its own address only."),
    )
    path = models.CharField(verbose_name=_("path"), max_length=100, default="/")
    provider = models.CharField(
        verbose_name=_("provider"),
        max_length=100,
        default="This site",
        help_text=_("Who sets the cookie and receives it."),
    )
    party = models.CharField(
        verbose_name=_("party"), max_length=5, choices=Party.choices, default=Party.FIRST
    )
    duration = models.CharField(
        verbose_name=_("duration"),
        max_length=60,
        help_text=_('How long it lives, in words: "1 year", "Until you close the browser".'),
    )
    purpose = models.TextField(
        verbose_name=_("purpose"), help_text=_("What it is for, in words a reader understands.")
    )

    class Meta:
        ordering = ["category__order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "domain", "path"], name="consent_unique_cookie_declaration"
            )
        ]
        verbose_name = _("cookie declaration")
        verbose_name_plural = _("cookie declarations")

    def __str__(self):
        return self.name


class CookieCategoryTranslation(TranslationRow):
    """A category's name and description in one of the site's other languages."""

    category = models.ForeignKey(
        CookieCategory,
        verbose_name=_("category"),
        on_delete=models.CASCADE,
        related_name="translations",
    )
    name = models.CharField(
        verbose_name=_("name"),
        max_length=60,
        help_text=_("The category's heading, as visitors reading this language see it."),
    )
    description = models.TextField(
        verbose_name=_("description"),
        help_text=_("What these cookies do, in plain words, written for readers of this language."),
    )

    class Meta:
        ordering = ["category__order", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "language"], name="consent_unique_category_translation"
            )
        ]
        verbose_name = _("cookie category translation")
        verbose_name_plural = _("cookie category translations")

    def __str__(self):
        return f"{self.category} ({self.language})"


class CookieDeclarationTranslation(TranslationRow):
    """A declared cookie's texts in one of the site's other languages; its name, domain and path
    are the same in every language."""

    declaration = models.ForeignKey(
        CookieDeclaration,
        verbose_name=_("declaration"),
        on_delete=models.CASCADE,
        related_name="translations",
    )
    provider = models.CharField(
        verbose_name=_("provider"),
        max_length=100,
        blank=True,
        help_text=_('Who sets the cookie, e.g. "Diese Website"; empty shows the English provider.'),
    )
    duration = models.CharField(
        verbose_name=_("duration"),
        max_length=60,
        blank=True,
        help_text=_(
            'How long it lives, in words, e.g. "1 Jahr"; empty shows the English duration.'
        ),
    )
    purpose = models.TextField(
        verbose_name=_("purpose"),
        help_text=_("What it is for, in words a reader of this language understands."),
    )

    class Meta:
        ordering = ["declaration__name", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["declaration", "language"], name="consent_unique_declaration_translation"
            )
        ]
        verbose_name = _("cookie declaration translation")
        verbose_name_plural = _("cookie declaration translations")

    def __str__(self):
        return f"{self.declaration} ({self.language})"
