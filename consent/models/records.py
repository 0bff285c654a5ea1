"""Visitors' decisions: the append-only log of every answer and the policy versions answered.

`PolicyVersion` keeps a snapshot of each version visitors have answered, and `ConsentRecord` is
the proof of every decision (what EU regulators expect a site to be able to show).
"""

from datetime import timedelta

from django.db import models
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .catalogue import site_languages


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
    EMBED = "embed", _("Allowed embedded content")


class ConsentRecordQuerySet(models.QuerySet):
    def for_visitor(self, visitor_id):
        return self.filter(visitor_id=visitor_id).order_by("-created_at", "-pk")

    def older_than(self, days):
        return self.filter(created_at__lt=timezone.now() - timedelta(days=days))

    def category_shares(self, slugs, days=30, sample=None):
        """Per category, the share of visitors whose latest decision in `days` days allows it;
        with `sample`, of the visitors behind the latest `sample` decisions only (a busy site
        makes millions a month, and grouping them all by visitor takes seconds).

        Returns (number of visitors, {slug: percentage}). Runs as one aggregate query.
        """
        recent = self.filter(created_at__gte=timezone.now() - timedelta(days=days))
        if sample is not None:
            recent = self.filter(pk__in=recent.order_by("-pk").values("pk")[:sample])
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
    embeds = models.JSONField(
        verbose_name=_("embedded content"),
        default=list,
        blank=True,
        help_text=_("Slugs of the embed providers allowed by name (besides their categories)."),
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
