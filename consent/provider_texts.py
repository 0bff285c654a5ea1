"""Embed providers as readers are told about them, in the reader's language.

The placeholder, the frame page and the consent dialog's "Embedded content" list show what an
editor wrote about each provider (consent/models/embeds.py): in English in the provider's own
fields, in the site's other languages in its translations, and in English wherever a
translation is missing or a field of it is empty. Read with the cookie catalogue
(consent/catalogue.py), and kept with it, so a changed provider or translation retires it.
"""

from dataclasses import dataclass

from django.db.models import OuterRef, Subquery

from .models import SOURCE_LANGUAGE, EmbedProvider, EmbedProviderTranslation


@dataclass(frozen=True)
class ProviderInfo:
    """An embed provider as readers are told about it (placeholders and the dialog), in the
    catalogue's language where an editor translated it. The name is a proper name, which needs
    no `lang` of its own (WCAG 3.1.2); the cookies and purposes say which language they are in,
    so an English fallback on a German page is marked as English."""

    slug: str
    name: str
    category: str
    cookies: str
    purposes: str
    privacy_url: str
    cookies_language: str = SOURCE_LANGUAGE
    purposes_language: str = SOURCE_LANGUAGE


def active_providers(language):
    """The active embed providers in `language`: one query whatever their number, their
    translation coming in it as subqueries (none for English)."""
    fields = ["slug", "name", "category__slug", "cookies", "purposes", "privacy_url"]
    providers = EmbedProvider.objects.active()
    if language == SOURCE_LANGUAGE:
        return tuple(ProviderInfo(*row) for row in providers.values_list(*fields))
    translation = EmbedProviderTranslation.objects.filter(
        provider=OuterRef("pk"), language=language
    ).order_by()
    texts = ["name", "cookies", "purposes", "privacy_url"]
    providers = providers.annotate(
        **{f"shown_{text}": Subquery(translation.values(text)[:1]) for text in texts}
    )
    shown = []
    for slug, name, category, cookies, purposes, privacy_url, *translated in providers.values_list(
        *fields, *(f"shown_{text}" for text in texts)
    ):
        # An empty or missing translated field leaves the English text, in English.
        name_shown, cookies_shown, purposes_shown, privacy_shown = translated
        shown.append(
            ProviderInfo(
                slug,
                name_shown or name,
                category,
                cookies_shown or cookies,
                purposes_shown or purposes,
                privacy_shown or privacy_url,
                cookies_language=language if cookies_shown else SOURCE_LANGUAGE,
                purposes_language=language if purposes_shown else SOURCE_LANGUAGE,
            )
        )
    return tuple(shown)
