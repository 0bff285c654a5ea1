"""Sections in the reader's language: editors translate a section's name and description.

A section's own fields hold its English name and description; `CategoryTranslation` rows give
them in the site's other languages (newsroom/translations.py). Readers of /de/ and /fr/ pages
see the translation, and the English text where there is none, marked with its language
(WCAG 3.1.2). A saved or deleted translation retires cached pages as a section edit does
(articles/signals.py).
"""

from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from newsroom.translations import SOURCE_LANGUAGE, TranslationRow


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
