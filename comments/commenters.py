"""What the site knows about a commenter's address: whether its owner confirmed it, and which
mails they asked for. Rules about them live in confirmation.py and subscriptions.py."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article

from .mailboxes import normalize_email


class CommenterAddressQuerySet(models.QuerySet):
    def confirmed(self):
        return self.exclude(confirmed_at=None)

    def for_email(self, email):
        address, _created = self.get_or_create(email=normalize_email(email))
        return address


class CommenterAddress(models.Model):
    """An email address comments were posted with. Never published."""

    email = models.EmailField(verbose_name=_("email"), max_length=254, unique=True)
    confirmed_at = models.DateTimeField(
        verbose_name=_("confirmed at"),
        null=True,
        blank=True,
        help_text=_(
            "When its owner followed a confirmation link. Only then can comments from "
            "it skip moderation, and only then are mails other than confirmations sent to it."
        ),
    )
    created_at = models.DateTimeField(verbose_name=_("created at"), default=timezone.now)
    trusted_at = models.DateTimeField(
        verbose_name=_("trusted since"),
        null=True,
        blank=True,
        help_text=_(
            "Set when an editor marked the address trusted: its comments skip pre-moderation, "
            "not the checks on their content."
        ),
    )

    objects = CommenterAddressQuerySet.as_manager()

    class Meta:
        ordering = ["email"]
        verbose_name_plural = _("commenter addresses")
        verbose_name = _("commenter address")

    def __str__(self):
        return self.email

    def is_confirmed(self):
        return self.confirmed_at is not None

    is_confirmed.boolean = True


class SubscriptionQuerySet(models.QuerySet):
    def active(self):
        """Subscriptions mail may be sent for: opted into twice, and not ended."""
        return self.filter(
            confirmed_at__isnull=False, ended_at=None, address__confirmed_at__isnull=False
        )


class Subscription(models.Model):
    """A reader's wish to be mailed about new comments: replies to theirs, or a whole story."""

    class Kind(models.TextChoices):
        REPLIES = "replies", _("Replies to my comment")
        STORY = "story", _("New comments on the story")

    address = models.ForeignKey(
        CommenterAddress,
        verbose_name=_("address"),
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    kind = models.CharField(verbose_name=_("kind"), max_length=7, choices=Kind.choices)
    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="+"
    )
    # The comment whose form asked for it: for REPLIES, the comment replies are watched for;
    # for both, the comment whose confirmation link also confirms this subscription.
    comment = models.ForeignKey(
        "comments.Comment",
        verbose_name=_("comment"),
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    created_at = models.DateTimeField(verbose_name=_("created at"), default=timezone.now)
    confirmed_at = models.DateTimeField(
        verbose_name=_("confirmed at"),
        null=True,
        blank=True,
        help_text=_(
            "Double opt-in: set when the address's owner confirmed the comment that "
            "asked for it. No mail is sent before."
        ),
    )
    ended_at = models.DateTimeField(verbose_name=_("ended at"), null=True, blank=True)
    # The language of the page the reader subscribed on: their mails are written in it.
    language = models.CharField(verbose_name=_("language"), max_length=8, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["article", "kind"], name="subscription_story_idx")]
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.article}"
