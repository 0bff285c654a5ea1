"""Third-party scripts loaded with consent, and Google Consent Mode's view of the categories.

A `Tag` loads only for visitors who allow its category; `ConsentModeType` says which category
grants each consent type Google tags read.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from newsroom.security import origin_of

from .catalogue import CookieCategory


class ConsentModeType(models.Model):
    """Which cookie category grants each of Google Consent Mode's consent types.

    Google tags read these types, not our categories; this table is the translation, kept as
    data so editors can see (and, for a category of their own, change) what each switch grants.
    """

    class Name(models.TextChoices):
        AD_STORAGE = "ad_storage", _("ad_storage: advertising cookies")
        AD_USER_DATA = "ad_user_data", _("ad_user_data: sending user data to Google for ads")
        AD_PERSONALIZATION = "ad_personalization", _("ad_personalization: personalised ads")
        ANALYTICS_STORAGE = "analytics_storage", _("analytics_storage: analytics cookies")
        FUNCTIONALITY_STORAGE = (
            "functionality_storage",
            _("functionality_storage: cookies for features the visitor asks for"),
        )
        PERSONALIZATION_STORAGE = (
            "personalization_storage",
            _("personalization_storage: personalisation such as recommendations"),
        )
        SECURITY_STORAGE = "security_storage", _("security_storage: security and fraud prevention")

    name = models.CharField(
        verbose_name=_("name"), max_length=32, choices=Name.choices, unique=True
    )
    category = models.ForeignKey(
        CookieCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="consent_mode_types",
        help_text=_("The type is granted exactly when the visitor allows this category."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("Google consent mode type")
        verbose_name_plural = _("Google consent mode types")

    def __str__(self):
        return self.name


class TagQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


# Characters no script address needs, each of which ends or quotes a Content-Security-Policy
# source: the page policy names the script's origin.
SCRIPT_URL_FORBIDDEN = re.compile(r"[\s;,'\"\\]")


def is_plain_script_url(url):
    """An https address with a plain host (no user-info) and nothing that could break out of
    the page policy, which allows its origin."""
    return origin_of(url) is not None and not SCRIPT_URL_FORBIDDEN.search(url)


class Tag(models.Model):
    """A third-party script (analytics, ads) that pages load only with its category's consent."""

    class Kind(models.TextChoices):
        GA4 = "ga4", _("Google Analytics 4 (measurement id)")
        GTM = "gtm", _("Google Tag Manager (container id)")
        SCRIPT = "script", _("Script URL")

    ID_PATTERNS = {Kind.GA4: r"^G-[A-Z0-9]{4,20}$", Kind.GTM: r"^GTM-[A-Z0-9]{4,20}$"}

    name = models.CharField(
        verbose_name=_("name"),
        max_length=80,
        help_text=_('Shown to visitors under its category, e.g. "Google Analytics".'),
    )
    provider = models.CharField(
        verbose_name=_("provider"),
        max_length=80,
        default="Google",
        help_text=_("Who runs the service and receives the data."),
    )
    kind = models.CharField(
        verbose_name=_("kind"), max_length=8, choices=Kind.choices, default=Kind.GA4
    )
    tag_id = models.CharField(
        _("measurement or container id"),
        max_length=32,
        blank=True,
        help_text=_(
            "G-XXXXXXX for Google Analytics 4, GTM-XXXXXXX for Tag Manager; empty for a script URL."
        ),
    )
    script_url = models.URLField(
        verbose_name=_("script url"),
        blank=True,
        help_text=_("For a script URL only: the https address of the script to load."),
    )
    category = models.ForeignKey(
        CookieCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="tags",
        help_text=_(
            "The tag loads only for visitors who allow this category. Declare the "
            "cookies it sets under the same category."
        ),
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Untick to stop loading the tag without deleting it."),
    )

    objects = TagQuerySet.as_manager()

    class Meta:
        ordering = ["category__order", "name", "pk"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self):
        return self.name

    def known_cookies(self):
        """(name, duration, purpose) of the cookies Google documents for this kind of tag, in
        English (the declarations' own language); none for a script URL, whose cookies only
        its provider knows. A Tag Manager container may load Google Analytics, so it is
        declared with a pattern for any measurement id."""
        client = ("_ga", "2 years", "Tells one browser's visits apart for Google Analytics.")
        if self.kind == self.Kind.GA4:
            session = f"_ga_{self.tag_id.removeprefix('G-')}"
        elif self.kind == self.Kind.GTM:
            session = "_ga_*"
        else:
            return []
        return [
            client,
            (session, "2 years", "Keeps the state of a visit for Google Analytics."),
            ("_gid", "24 hours", "Tells one browser's visits apart for a day."),
        ]

    def clean(self):
        errors = {}
        pattern = self.ID_PATTERNS.get(self.kind)
        if pattern:
            if not re.fullmatch(pattern, self.tag_id or ""):
                example = "G-AB12CD34EF" if self.kind == self.Kind.GA4 else "GTM-AB12CD3"
                errors["tag_id"] = _("Give the id as Google shows it, e.g. %(example)s.") % {
                    "example": example
                }
            if self.script_url:
                errors["script_url"] = _("Leave empty: Google tags load from Google's address.")
        else:
            if not is_plain_script_url(self.script_url or ""):
                errors["script_url"] = _(
                    "Give the https address of the script, with a plain host name: no user "
                    "name or password, and no spaces, quotes, commas or semicolons."
                )
            if self.tag_id:
                errors["tag_id"] = _("Leave empty for a script URL.")
        if self.category_id and self.category.is_necessary:
            # A tag in an always-on category would load without anyone's consent.
            errors["category"] = _("A tag needs consent: choose an optional category.")
        if errors:
            raise ValidationError(errors)
