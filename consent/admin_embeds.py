"""The editors' side of embeds: the providers a story may embed from, kept as data, and the
embeds stories hold (what each provider said, our own thumbnail), read-only but for the text
readers see, which an editor may correct."""

from django.contrib import admin
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Embed, EmbedProvider, EmbedProviderTranslation


class EmbedProviderTranslationInline(admin.StackedInline):
    """What readers of the site's other languages are told about the provider; an empty field
    shows the English text above."""

    model = EmbedProviderTranslation
    extra = 0
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = ["language", "name", "cookies", "purposes", "privacy_url"]


@admin.register(EmbedProvider)
class EmbedProviderAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "category", "is_active", "order"]
    list_filter = ["is_active", "category"]
    search_fields = ["name", "slug"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["name", "slug", "category", "is_active", "order"]}),
        (
            _("Addresses"),
            {"fields": ["url_patterns", "frame_url", "frame_sources", "frame_height"]},
        ),
        (_("What readers are told"), {"fields": ["cookies", "purposes", "privacy_url"]}),
        (_("Title and thumbnail"), {"fields": ["oembed_endpoint"]}),
    ]
    inlines = [EmbedProviderTranslationInline]

    def get_readonly_fields(self, request, obj=None):
        # Readers' decision cookies name providers by slug: renaming one would silently drop
        # every reader's choice for it.
        return ["slug"] if obj else []


@admin.register(Embed)
class EmbedAdmin(admin.ModelAdmin):
    list_display = ["__str__", "provider", "article", "fetched_at"]
    list_filter = ["provider"]
    list_select_related = ["provider", "article"]
    search_fields = ["title", "url", "article__headline"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = ["article", "provider", "url", "frame_url", "title", "author_name", "preview"]
    readonly_fields = ["article", "provider", "url", "frame_url", "preview"]

    def has_add_permission(self, request):
        # Embeds come from addresses pasted into a story (consent/embedding.py).
        return False

    @admin.display(description=_("thumbnail"))
    def preview(self, embed):
        if not embed.thumbnail:
            return _("None: the placeholder shows the provider's name.")
        return format_html(
            '<img src="{}" alt="" width="240">',
            embed.thumbnail_url,
        )
