"""Sections (`Category`): what stories are filed under, in the reader's language.

A section's own fields hold its English name and description; `CategoryTranslation` rows give
them in the site's other languages (newsroom/translations.py). Readers of /de/ and /fr/ pages
see the translation, and the English text where there is none, marked with its language
(WCAG 3.1.2). A saved or deleted translation retires cached pages as a section edit does
(articles/signals.py).
"""

from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from newsroom.addresses import url
from newsroom.translations import SOURCE_LANGUAGE, TranslationRow

from .old_addresses import KeepsOldAddresses


class CategoryQuerySet(models.QuerySet):
    def in_language(self, language):
        """These sections as readers of `language` see them: a list of sections whose name and
        description are the editors' translation where there is one (the English text
        otherwise), each saying which language it shows. The translations come in the same
        query, as two subqueries, so reading the sections costs one query in every language.
        The sections are for showing: saving one raises an error."""
        if language == SOURCE_LANGUAGE:
            return list(self)
        translation = CategoryTranslation.objects.filter(
            category=OuterRef("pk"), language=language
        ).order_by()
        sections = self.annotate(
            translated_name=Subquery(translation.values("name")[:1]),
            translated_description=Subquery(translation.values("description")[:1]),
        )
        for section in sections:
            section.show_translation(
                language, section.translated_name, section.translated_description
            )
        return list(sections)


class Category(KeepsOldAddresses, models.Model):
    name = models.CharField(verbose_name=_("name"), max_length=60, unique=True)
    slug = models.SlugField(
        verbose_name=_("slug"),
        max_length=60,
        unique=True,
        help_text=_("Used in the section's address, as in /category/your-slug/."),
    )
    description = models.CharField(
        verbose_name=_("description"),
        max_length=200,
        blank=True,
        help_text=_("One line shown under the name on its page."),
    )
    position = models.PositiveSmallIntegerField(
        verbose_name=_("position"),
        default=0,
        help_text=_("Order in the site navigation; lower numbers come first."),
    )

    objects = CategoryQuerySet.as_manager()

    # The languages its name and description are shown in, for the pages' `lang` (WCAG 3.1.2):
    # English, the language of its own fields, unless read in another (show_translation).
    language = description_language = SOURCE_LANGUAGE

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = _("categories")
        verbose_name = _("category")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # A section read in another language holds a translation in its English fields.
        if {self.language, self.description_language} != {SOURCE_LANGUAGE}:
            raise ValueError("A section read in another language is for showing, not saving.")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return url("articles:category", self.slug)

    def show_translation(self, language, name, description):
        """Show `name` and `description` (an editor's translation into `language`; either may
        be empty) in place of the English ones (CategoryQuerySet.in_language)."""
        if name:
            self.name, self.language = name, language
        if description:
            self.description, self.description_language = description, language


class CategoryTranslation(TranslationRow):
    """A section's name and description in one of the site's other languages."""

    category = models.ForeignKey(
        "articles.Category",
        verbose_name=_("section"),
        on_delete=models.CASCADE,
        related_name="translations",
    )
    name = models.CharField(
        verbose_name=_("name"),
        max_length=60,
        help_text=_("The section's name, as readers of this language see it in the navigation."),
    )
    description = models.CharField(
        verbose_name=_("description"),
        max_length=200,
        blank=True,
        help_text=_("One line under the name on its page; empty shows the English one."),
    )

    class Meta:
        ordering = ["category__position", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "language"], name="articles_unique_category_translation"
            )
        ]
        verbose_name = _("section translation")
        verbose_name_plural = _("section translations")

    def __str__(self):
        return f"{self.category} ({self.language})"
