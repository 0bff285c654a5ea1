"""Stories, filed under sections (sections.py), with the rule for who may see a story."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models, transaction
from django.db.models import F, Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.addresses import url
from newsroom.models import SITE_SCOPE, PageGeneration

from . import search
from .bylines import Byline, public_name
from .corrections import Correction  # noqa: F401  (a model of this app)
from .old_addresses import KeepsOldAddresses, OldAddress  # noqa: F401  (a model of this app)
from .pictures import Picture, PictureField, focus_field  # noqa: F401  (a model of this app)
from .renditions import Source
from .sanitize import sanitize_body
from .sections import Category, CategoryTranslation  # noqa: F401  (models of this app)

# Fixing a typo minutes after publication is not news; only later edits earn an
# "Updated" stamp.
UPDATE_GRACE_PERIOD = timedelta(minutes=5)
# The date bar probes the index once per year with stories; an archive with more years is
# read the usual way.
MOST_YEARS_PROBED = 60


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Stories the public may read: published, and their publish time has come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def visible_to(self, user):
        """Staff preview everything; everyone else sees only published stories."""
        if user.is_active and user.is_staff:
            return self.all()
        return self.published()

    def missing_alt_text(self):
        return self.exclude(lead_image="").filter(lead_image_alt="")

    def publish(self):
        """Publish the drafts among these stories and return how many went out.

        A draft whose publish time has passed goes out now; one with a future time becomes
        scheduled. Stories whose lead image lacks alt text are left as drafts.
        """
        drafts = self.filter(status=Article.Status.DRAFT).exclude(
            ~Q(lead_image=""), lead_image_alt=""
        )
        now = timezone.now()
        # Two statements, one decision: an editor sees all of the selection go out or none.
        with transaction.atomic(using=self.db):
            # A new edit version each: a change form opened before this is now a stale copy.
            scheduled = drafts.filter(published_at__gt=now).update(
                status=Article.Status.PUBLISHED, edit_version=F("edit_version") + 1
            )
            published = scheduled + drafts.filter(published_at__lte=now).update(
                status=Article.Status.PUBLISHED,
                published_at=now,
                edit_version=F("edit_version") + 1,
            )
            # update() sends no save signals, so cached pages are retired here (see signals.py).
            PageGeneration.objects.bump(SITE_SCOPE)
        return published

    def unpublish(self):
        unpublished = self.filter(status=Article.Status.PUBLISHED).update(
            status=Article.Status.DRAFT, edit_version=F("edit_version") + 1
        )
        PageGeneration.objects.bump(SITE_SCOPE)
        return unpublished

    def next_scheduled_time(self):
        """When the next scheduled story goes live, or None if none is waiting."""
        waiting = self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())
        return waiting.aggregate(next=Min("published_at"))["next"]

    def datetimes(self, field_name, kind, order="ASC", tzinfo=None):
        """As Django's, except for the years of publication (the admin's date bar asks for
        them on every visit to the story list): those are found by one probe of the
        publish-time index per year with stories, not by reading every story's date (53 ms
        at 100,000 stories)."""
        years = None
        if (field_name, kind, order) == ("published_at", "year", "ASC"):
            years = self._publishing_years(tzinfo or timezone.get_current_timezone())
        if years is None:
            return super().datetimes(field_name, kind, order, tzinfo)
        return years

    def _publishing_years(self, zone):
        # Each probe asks for the first story from a year on, in date order, which the index
        # answers at once even when a filter (an editor's search) matches few stories: a probe
        # asking whether a year has any story at all was planned as a table scan and took
        # 100 ms for a search's early years.
        dated = self.filter(published_at__isnull=False).order_by("published_at")
        years, later = [], dated
        while (first := later.values_list("published_at", flat=True).first()) is not None:
            if len(years) == MOST_YEARS_PROBED:
                return None
            year = first.astimezone(zone).year
            years.append(datetime(year, 1, 1, tzinfo=zone))
            later = dated.filter(published_at__gte=datetime(year + 1, 1, 1, tzinfo=zone))
        return years

    def for_listing(self):
        """Fetch what a story teaser shows (category and byline) in the same query."""
        return self.select_related("category", "author__byline").as_teasers()

    def as_teasers(self):
        """These stories without what a teaser (listed, found or related) never shows: the
        body and the search vector, kilobytes each in a real story."""
        return self.defer("body", "search_vector")

    def published_between(self, first_day=None, last_day=None):
        """Stories that went out on or after `first_day` and on or before `last_day` (dates in
        the site's time zone; either may be None)."""
        stories = self
        if first_day is not None:
            stories = stories.filter(published_at__gte=_start_of(first_day))
        if last_day is not None:
            stories = stories.filter(published_at__lt=_start_of(last_day + timedelta(days=1)))
        return stories

    def search(self, query, remember_as=None):
        """These stories matching `query` (a search_syntax.ParsedQuery), best match first:
        a sequence Django's Paginator can page through (see articles/search.py, which also says
        what `remember_as` must name). A result shows its section, not its byline, so only the
        section comes with it."""
        return search.SearchResults(
            self.select_related("category").as_teasers(), query, remember_as
        )

    def rebuild_search_index(self):
        """Index these stories afresh; return how many were indexed. Searches and related
        stories kept before may now be wrong, so cached pages are retired."""
        indexed = search.rebuild_index(self)
        PageGeneration.objects.bump(SITE_SCOPE)
        return indexed

    def related_to(self, article, limit=4):
        """A few of these stories on the same subject as `article`, its own section's first."""
        return search.related(self.exclude(pk=article.pk).as_teasers(), article, limit)


def default_story_language():
    return settings.LANGUAGE_CODE


class Article(KeepsOldAddresses, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    headline = models.CharField(verbose_name=_("headline"), max_length=200)
    slug = models.SlugField(
        verbose_name=_("slug"),
        max_length=200,
        unique=True,
        help_text=_("Used in the story's address, as in /story/your-slug/."),
    )
    standfirst = models.TextField(
        verbose_name=_("standfirst"),
        max_length=400,
        help_text=_("One or two sentences that sum the story up."),
    )
    body = models.TextField(
        verbose_name=_("body"),
        help_text=_("The story. Scripts, styles and unsafe links are removed when it is saved."),
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="articles"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="articles",
    )
    status = models.CharField(
        verbose_name=_("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
    )
    published_at = models.DateTimeField(
        verbose_name=_("published at"),
        default=timezone.now,
        help_text=_("A time in the future schedules the story: it stays hidden until then."),
    )
    created_at = models.DateTimeField(verbose_name=_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(verbose_name=_("updated at"), auto_now=True)
    lead_image = PictureField(
        verbose_name=_("lead image"),
        upload_to="lead-images/%Y/%m/",
        blank=True,
        width_field="lead_image_width",
        height_field="lead_image_height",
    )
    lead_image_width = models.PositiveIntegerField(
        verbose_name=_("lead image width"), null=True, blank=True, editable=False
    )
    lead_image_height = models.PositiveIntegerField(
        verbose_name=_("lead image height"), null=True, blank=True, editable=False
    )
    lead_image_alt = models.CharField(
        _("lead image alt text"),
        max_length=250,
        blank=True,
        help_text=_("Describe the picture for readers who cannot see it. Required to publish."),
    )
    lead_image_focus_x = focus_field(_("lead image focal point, across"))
    lead_image_focus_y = focus_field(_("lead image focal point, down"))
    comments_open = models.BooleanField(
        verbose_name=_("comments open"),
        default=True,
        help_text=_("Untick to close the story to new comments."),
    )
    # Stories are not translated: each stays in the language it was written in, which its page
    # and feeds declare (lang, feed language) whatever language the site around it is shown in.
    language = models.CharField(
        verbose_name=_("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=default_story_language,
        help_text=_("The language the story is written in."),
    )
    # PostgreSQL's weighted full-text index of the story (articles/search_postgres.py), with a
    # GIN index made by the migration. SQLite keeps its index in an FTS5 table instead.
    search_vector = SearchVectorField(verbose_name=_("search vector"), null=True, editable=False)
    # Counts the saves: a change form carries the version it was opened at, and a save made on
    # an older one is refused (articles/edit_conflicts.py) instead of undoing what came between.
    edit_version = models.PositiveIntegerField(
        verbose_name=_("edit version"), default=0, editable=False
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        get_latest_by = "published_at"
        indexes = [
            # Listing pages: the id in each index lets a deep page skip its earlier stories in
            # the index alone (articles/listing_pages.py), never reading their rows.
            models.Index(fields=["status", "published_at", "id"], name="article_listing_idx"),
            models.Index(
                fields=["category", "status", "published_at", "id"], name="article_section_idx"
            ),
            models.Index(
                fields=["author", "status", "published_at", "id"], name="article_byline_idx"
            ),
            # The editors' story list, newest first over every status.
            models.Index(fields=["published_at", "id"], name="article_time_idx"),
        ]
        constraints = [
            # Accessibility is not optional: a published picture always has its description.
            models.CheckConstraint(
                condition=Q(status="draft") | Q(lead_image="") | ~Q(lead_image_alt=""),
                name="published_lead_image_has_alt",
                violation_error_message="A story with a lead image needs alt text to publish.",
            ),
        ]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        self.body = sanitize_body(self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "edit_version" in update_fields:
            self.edit_version += 1
        super().save(*args, **kwargs)
        if update_fields is None or {"author", "author_id"} & set(update_fields):
            Byline.objects.using(self._state.db).for_user(self.author)
        if update_fields is None or set(search.INDEXED_FIELDS) & set(update_fields):
            search.index_article(self)

    def get_absolute_url(self):
        return url("articles:article", self.slug)

    def clean(self):
        if self.needs_alt_text():
            raise ValidationError(
                {"lead_image_alt": _("Describe the lead image before publishing the story.")}
            )

    def needs_alt_text(self):
        return (
            self.status == self.Status.PUBLISHED
            and bool(self.lead_image)
            and not self.lead_image_alt.strip()
        )

    @property
    def lead_source(self):
        """What the lead image's renditions are made from (articles/renditions.py)."""
        return Source(
            self.lead_image.name,
            self.lead_image_width or 1,
            self.lead_image_height or 1,
            self.lead_image_focus_x,
            self.lead_image_focus_y,
        )

    def is_published(self):
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()

    is_published.boolean = True
    is_published.short_description = "live"

    @property
    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and self.published_at > timezone.now()

    @property
    def was_updated(self):
        """True when the story was edited after it went out (shown as "Updated")."""
        went_out = max(self.published_at, self.created_at)
        return self.updated_at - went_out > UPDATE_GRACE_PERIOD

    @property
    def byline(self):
        return public_name(self.author)

    @property
    def author_url(self):
        """The author's page, or None for a writer without one yet (stories bulk-inserted
        behind save()'s back)."""
        try:
            return self.author.byline.get_absolute_url()
        except ObjectDoesNotExist:
            return None


class StoryPresenceQuerySet(models.QuerySet):
    def record(self, article, user):
        """Note that `user` has `article`'s change form open now; forget whoever left it."""
        now = timezone.now()
        self.filter(article=article, seen_at__lt=now - StoryPresence.WINDOW).delete()
        self.update_or_create(article=article, user=user, defaults={"seen_at": now})

    def editing(self, article):
        """Who has had `article` open within the window, longest there first."""
        since = timezone.now() - StoryPresence.WINDOW
        return (
            self.filter(article=article, seen_at__gte=since)
            .select_related("user")
            .order_by("seen_at")
        )


class StoryPresence(models.Model):
    """An editor with a story's change form open, as last seen: when the form was drawn, then
    every HEARTBEAT while it stays open (static/editors/story-presence.js)."""

    # Three heartbeats: one late or lost beat does not make an editor vanish from the notice.
    HEARTBEAT = timedelta(seconds=20)
    WINDOW = timedelta(seconds=60)

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="presences"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("editor"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    seen_at = models.DateTimeField(verbose_name=_("last seen"), default=timezone.now)

    objects = StoryPresenceQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="one_presence_per_editor")
        ]
        verbose_name = _("editor on a story")
        verbose_name_plural = _("editors on stories")

    def __str__(self):
        return f"{self.user} on {self.article}"


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


# The desk's autosaved drafts live in a module of their own; imported here so Django finds them.
from .autosaves import Autosave  # noqa: E402, F401
