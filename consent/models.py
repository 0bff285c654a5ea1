"""What the site tells visitors about its cookies, and the append-only record of their answers.

`CookieCategory` and `CookieDeclaration` are what the consent dialog shows; `PolicyVersion`
keeps a snapshot of each version visitors have answered, and `ConsentRecord` is the proof of
every decision (what EU regulators expect a site to be able to show).
"""

import re
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import IntegrityError, models, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.security import origin_of

# The five categories the site ships with. Code and templates refer to them by slug, so their
# slugs and their "necessary" flag are fixed; editors may still reword them.
BUILT_IN_CATEGORY_SLUGS = ("necessary", "functional", "analytical", "performance", "advertisement")
NECESSARY = "necessary"

# The categories' and cookies' own fields hold the English text (the built-in texts are written
# in English); translations give the dialog's texts in the site's other languages, and the
# dialog falls back to English wherever one is missing.
SOURCE_LANGUAGE = "en"


def site_languages():
    """Every language of the site (a callable, so that changing LANGUAGES needs no migration)."""
    return list(settings.LANGUAGES)


def translated_languages():
    """The languages editors can translate the dialog into (a callable, so that changing
    LANGUAGES needs no migration)."""
    return [(code, name) for code, name in settings.LANGUAGES if code != SOURCE_LANGUAGE]


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


class CookieCategoryTranslation(models.Model):
    """A category's name and description in one of the site's other languages."""

    category = models.ForeignKey(
        CookieCategory,
        verbose_name=_("category"),
        on_delete=models.CASCADE,
        related_name="translations",
    )
    language = models.CharField(
        verbose_name=_("language"), max_length=7, choices=translated_languages
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


class CookieDeclarationTranslation(models.Model):
    """A declared cookie's texts in one of the site's other languages; its name, domain and path
    are the same in every language."""

    declaration = models.ForeignKey(
        CookieDeclaration,
        verbose_name=_("declaration"),
        on_delete=models.CASCADE,
        related_name="translations",
    )
    language = models.CharField(
        verbose_name=_("language"), max_length=7, choices=translated_languages
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


class PolicyVersionQuerySet(models.QuerySet):
    def remember(self, version, snapshot):
        """Keep the snapshot a visitor answered, so later changes can be explained to them."""
        self.get_or_create(version=version, defaults={"snapshot": snapshot})


class PolicyVersion(models.Model):
    version = models.CharField(verbose_name=_("version"), max_length=16, unique=True)
    snapshot = models.JSONField(
        verbose_name=_("snapshot"), help_text=_("The categories and cookies visitors were shown.")
    )
    first_answered_at = models.DateTimeField(verbose_name=_("first answered at"), auto_now_add=True)

    objects = PolicyVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-first_answered_at"]
        get_latest_by = "first_answered_at"
        verbose_name = _("policy version")
        verbose_name_plural = _("policy versions")

    def __str__(self):
        return self.version


class Action(models.TextChoices):
    ACCEPT_ALL = "accept_all", _("Accepted all")
    REJECT_ALL = "reject_all", _("Rejected all")
    CUSTOM = "custom", _("Saved a choice")
    WITHDRAW = "withdraw", _("Withdrew consent")
    GPC = "gpc", _("Global Privacy Control")


class ConsentRecordQuerySet(models.QuerySet):
    def for_visitor(self, visitor_id):
        return self.filter(visitor_id=visitor_id).order_by("-created_at", "-pk")

    def older_than(self, days):
        return self.filter(created_at__lt=timezone.now() - timedelta(days=days))

    def category_shares(self, slugs, days=30):
        """Per category, the share of visitors whose latest decision in `days` days allows it.

        Returns (number of visitors, {slug: percentage}). Runs as one aggregate query.
        """
        recent = self.filter(created_at__gte=timezone.now() - timedelta(days=days))
        latest = recent.values("visitor_id").annotate(latest=Max("pk")).values("latest")
        allowing = {
            f"allows_{slug}": Count("pk", filter=Q(**{f"choices__{slug}": True})) for slug in slugs
        }
        counts = self.model.objects.filter(pk__in=latest).aggregate(
            visitors=Count("pk"), **allowing
        )
        visitors = counts["visitors"]
        shares = {
            slug: round(100 * counts[f"allows_{slug}"] / visitors) if visitors else 0
            for slug in slugs
        }
        return visitors, shares


class ConsentRecord(models.Model):
    """One decision by one visitor. Rows are only ever added; pruning old ones is the only
    deletion (see the prune_consent_log command)."""

    visitor_id = models.UUIDField(verbose_name=_("visitor id"), db_index=True)
    choices = models.JSONField(
        verbose_name=_("choices"), help_text=_("Category slug: allowed or not, for every category.")
    )
    action = models.CharField(verbose_name=_("action"), max_length=12, choices=Action.choices)
    policy_version = models.CharField(verbose_name=_("policy version"), max_length=16)
    created_at = models.DateTimeField(
        verbose_name=_("created at"), default=timezone.now, db_index=True
    )
    page = models.CharField(
        verbose_name=_("page"),
        max_length=500,
        blank=True,
        help_text=_("Where the choice was made."),
    )
    user_agent = models.CharField(verbose_name=_("user agent"), max_length=120, blank=True)
    language = models.CharField(
        verbose_name=_("language"),
        max_length=7,
        choices=site_languages,
        blank=True,
        help_text=_(
            "The language the visitor read the dialog in when deciding; empty for "
            "decisions logged before languages were recorded."
        ),
    )
    ip_hash = models.CharField(
        _("IP address hash"),
        max_length=64,
        blank=True,
        help_text=_(
            "A keyed hash, never the address itself; empty unless CONSENT_LOG_IP_HASH is on."
        ),
    )

    objects = ConsentRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")

    def __str__(self):
        return f"{self.visitor_id} {self.action} {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        # A proof that can be edited proves nothing.
        if not self._state.adding:
            raise ValueError("Consent records are append-only.")
        super().save(*args, **kwargs)

    def allowed_slugs(self):
        return [slug for slug, allowed in self.choices.items() if allowed]


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


class UndeclaredCookieQuerySet(models.QuerySet):
    def note(self, name, limit):
        """Count one sighting of `name`; new names stop being added once `limit` are listed."""
        now = timezone.now()
        if self.filter(name=name).update(times_seen=models.F("times_seen") + 1, last_seen=now):
            return
        if self.count() >= limit:
            return
        try:
            with transaction.atomic():
                self.create(name=name, first_seen=now, last_seen=now)
        except IntegrityError:
            # Another worker listed it at the same moment.
            self.filter(name=name).update(times_seen=models.F("times_seen") + 1, last_seen=now)


class UndeclaredCookie(models.Model):
    """A cookie name the site tried to set that no declaration covers (it was not sent)."""

    name = models.CharField(verbose_name=_("name"), max_length=100, unique=True)
    times_seen = models.PositiveIntegerField(verbose_name=_("times seen"), default=1)
    first_seen = models.DateTimeField(verbose_name=_("first seen"), default=timezone.now)
    last_seen = models.DateTimeField(
        verbose_name=_("last seen"), default=timezone.now, db_index=True
    )

    objects = UndeclaredCookieQuerySet.as_manager()

    class Meta:
        ordering = ["-last_seen"]
        verbose_name = _("undeclared cookie")
        verbose_name_plural = _("undeclared cookies")

    def __str__(self):
        return self.name
