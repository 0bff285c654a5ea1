"""Embedded third-party content: the providers editors may embed from, and each story's embeds.

A provider is data an editor keeps in the admin: which addresses it answers (URL patterns), the
address of its player or post frame, where to ask for a title and thumbnail (oEmbed), what
loading it means for a reader (cookies, purposes, privacy notice), the cookie category that
also allows it, and the origins its frame needs. An `Embed` is one pasted address in one story,
stored as data (never as the provider's HTML), with our own copy of its thumbnail. What readers
are told about a provider is translated by editors like the cookie catalogue
(`EmbedProviderTranslation`, newsroom/translations.py).
"""

import re
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.renditions import Source
from newsroom.security import origin_of
from newsroom.translations import TranslationRow

from .catalogue import CookieCategory

# Provider slugs travel in the decision cookie, which caches key on: short, plain and bounded.
PROVIDER_SLUG_MAX_LENGTH = 20
PROVIDER_SLUG = r"^[a-z][a-z0-9]{0,19}$"
# Hosts a development or test "provider" may be served from over plain HTTP.
LOCAL_FRAME_HOSTS = ("localhost", "127.0.0.1")


def frame_origin(line):
    """`line` as a frame-src origin: https, or http on this machine only (a test provider)."""
    origin = origin_of(line.strip())
    if origin is None:
        local = origin_of(line.strip(), schemes=("http",))
        if local and local.split("//", 1)[1].split(":")[0] in LOCAL_FRAME_HOSTS:
            origin = local
    return origin


class EmbedProviderQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def matching(self, url):
        """(provider, frame address) for the first active provider answering `url`, or None."""
        for provider in self.active().order_by("order", "pk"):
            frame_url = provider.frame_url_for(url)
            if frame_url:
                return provider, frame_url
        return None


class EmbedProvider(models.Model):
    name = models.CharField(
        verbose_name=_("name"),
        max_length=60,
        help_text=_('Shown to readers: "Load YouTube content", "Always allow YouTube".'),
    )
    slug = models.CharField(
        verbose_name=_("slug"),
        max_length=PROVIDER_SLUG_MAX_LENGTH,
        unique=True,
        validators=[
            RegexValidator(
                PROVIDER_SLUG, _("Lowercase letters and digits, starting with a letter.")
            )
        ],
        help_text=_("Kept in readers' consent cookie, so short: youtube, vimeo, datawrapper."),
    )
    category = models.ForeignKey(
        CookieCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="embed_providers",
        help_text=_(
            "Readers who allow this category see this provider's content without asking; "
            "others allow the provider itself."
        ),
    )
    url_patterns = models.TextField(
        verbose_name=_("URL patterns"),
        help_text=_(
            "One regular expression per line, matched against the whole pasted address. Named "
            "groups (?P<id>...) fill the frame address."
        ),
    )
    frame_url = models.CharField(
        verbose_name=_("frame address"),
        max_length=300,
        help_text=_(
            "The player or post address with the named groups in braces, e.g. "
            "https://www.youtube-nocookie.com/embed/{id}"
        ),
    )
    oembed_endpoint = models.URLField(
        verbose_name=_("oEmbed endpoint"),
        blank=True,
        help_text=_("Asked once, when the story is saved, for the title, author and thumbnail."),
    )
    cookies = models.TextField(
        verbose_name=_("cookies"),
        blank=True,
        help_text=_("What the provider stores in the reader's browser, in plain words."),
    )
    purposes = models.TextField(
        verbose_name=_("purposes"),
        help_text=_("What the provider does with what it learns (analytics, advertising...)."),
    )
    privacy_url = models.URLField(
        verbose_name=_("privacy notice"), help_text=_("The provider's own privacy notice.")
    )
    frame_sources = models.TextField(
        verbose_name=_("frame origins"),
        help_text=_(
            "One https origin per line that the frame loads from, e.g. "
            "https://www.youtube-nocookie.com; the frame's Content-Security-Policy names "
            "only these."
        ),
    )
    frame_height = models.PositiveSmallIntegerField(
        verbose_name=_("frame height"),
        default=0,
        help_text=_("Pixels for posts and charts; 0 for a 16:9 video player."),
    )
    is_active = models.BooleanField(
        verbose_name=_("active"),
        default=True,
        help_text=_("Off: its addresses become plain links in stories saved from now on."),
    )
    order = models.PositiveSmallIntegerField(verbose_name=_("order"), default=0)

    objects = EmbedProviderQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("embed provider")
        verbose_name_plural = _("embed providers")

    def __str__(self):
        return self.name

    def patterns(self):
        return [line.strip() for line in self.url_patterns.splitlines() if line.strip()]

    def origins(self):
        """The frame-src origins, only those that are plain origins (fail closed)."""
        lines = (frame_origin(line) for line in self.frame_sources.splitlines() if line.strip())
        return [origin for origin in lines if origin]

    def frame_url_for(self, url):
        """The frame address for `url` when it matches a pattern, else None. Group values are
        quoted, so a pasted address cannot add a path or a host to the frame's."""
        for pattern in self.patterns():
            try:
                match = re.fullmatch(pattern, url)
            except re.error:
                continue
            if match:
                groups = match.groupdict().items()
                values = {name: quote(value or "", safe="") for name, value in groups}
                try:
                    return self.frame_url.format(**values)
                except (KeyError, IndexError, ValueError):
                    return None
        return None

    def clean(self):
        for pattern in self.patterns():
            try:
                re.compile(pattern)
            except re.error as error:
                message = _("%(pattern)s is not a valid pattern: %(error)s") % {
                    "pattern": pattern,
                    "error": error,
                }
                raise ValidationError({"url_patterns": message}) from error
        lines = [line for line in self.frame_sources.splitlines() if line.strip()]
        if not lines or any(frame_origin(line) is None for line in lines):
            raise ValidationError(
                {"frame_sources": _("Give one https origin per line, such as https://example.com.")}
            )
        example = frame_origin(re.sub(r"\{\w*\}", "x", self.frame_url))
        if example is None or example not in self.origins():
            raise ValidationError(
                {"frame_url": _("The frame address must be on one of the frame origins.")}
            )


class EmbedProviderTranslation(TranslationRow):
    """What readers of one of the site's other languages are told about a provider; readers see
    the English text wherever a field here is empty (consent/catalogue.py)."""

    provider = models.ForeignKey(
        EmbedProvider,
        verbose_name=_("provider"),
        on_delete=models.CASCADE,
        related_name="translations",
    )
    name = models.CharField(
        verbose_name=_("name"),
        max_length=60,
        blank=True,
        help_text=_("Only if the name differs in this language; empty shows the English name."),
    )
    cookies = models.TextField(
        verbose_name=_("cookies"),
        blank=True,
        help_text=_("What the provider stores in the reader's browser, in this language."),
    )
    purposes = models.TextField(
        verbose_name=_("purposes"),
        help_text=_("What the provider does with what it learns, in this language."),
    )
    privacy_url = models.URLField(
        verbose_name=_("privacy notice"),
        blank=True,
        help_text=_("The provider's notice in this language, if it has one; empty: the English."),
    )

    class Meta:
        ordering = ["provider__order", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "language"], name="consent_unique_embed_provider_translation"
            )
        ]
        verbose_name = _("embed provider translation")
        verbose_name_plural = _("embed provider translations")

    def __str__(self):
        return f"{self.provider} ({self.language})"


class Embed(models.Model):
    """One provider address pasted into one story, as the story body's
    `<figure data-embed="<pk>">` marker shows it."""

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("story"),
        on_delete=models.CASCADE,
        related_name="embeds",
    )
    provider = models.ForeignKey(
        EmbedProvider, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="embeds"
    )
    url = models.URLField(verbose_name=_("address"), max_length=500)
    frame_url = models.CharField(verbose_name=_("frame address"), max_length=500)
    title = models.CharField(verbose_name=_("title"), max_length=300, blank=True)
    author_name = models.CharField(verbose_name=_("author"), max_length=200, blank=True)
    thumbnail = models.CharField(
        verbose_name=_("thumbnail"),
        max_length=200,
        blank=True,
        help_text=_("Our own copy, in our media storage: readers never fetch the provider's."),
    )
    thumbnail_width = models.PositiveIntegerField(null=True, blank=True)
    thumbnail_height = models.PositiveIntegerField(null=True, blank=True)
    fetched_at = models.DateTimeField(verbose_name=_("fetched at"), null=True, blank=True)

    class Meta:
        ordering = ["article", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "url"], name="one_embed_per_address")
        ]
        verbose_name = _("embed")
        verbose_name_plural = _("embeds")

    def __str__(self):
        return self.title or self.url

    @property
    def thumbnail_url(self):
        return default_storage.url(self.thumbnail) if self.thumbnail else ""

    @property
    def thumbnail_source(self):
        """What the thumbnail's renditions are made from (articles/renditions.py), or None.

        Thumbnails kept before the picture pipeline took them over are sources already: JPEGs
        without metadata named by a digest of their bytes, with their size stored here."""
        if not (self.thumbnail and self.thumbnail_width and self.thumbnail_height):
            return None
        return Source(self.thumbnail, self.thumbnail_width, self.thumbnail_height, 0.5, 0.5)
