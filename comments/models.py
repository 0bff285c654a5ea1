"""Reader comments, their moderation status, and the rule for which of them the public sees.

A comment is public when it is approved. A comment above it that was deleted, removed, marked
as spam or held again stays in the thread as a placeholder (comments/tombstones.py), so nobody's
approved reply vanishes with it.
The commenter's email and network trace are stored for moderation only; nothing here renders
them, and public templates never touch them.
"""

from datetime import timedelta

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from newsroom.pagecache import retire_story_pages

from .mailboxes import normalize_email
from .render import render_comment_text

# How long a resubmitted form (a double click, a reload answering "send the form again?")
# is recognised as the comment already stored rather than a new one. Longer than any retry;
# short enough that saying the same thing again later is a new comment.
DUPLICATE_WINDOW = timedelta(minutes=10)

# Top-level comments plus three levels of replies; deeper threads stop being readable on a
# phone. The public() filter below joins once per level, so this also bounds its cost.
MAX_DEPTH = 4


class BlockedWord(models.Model):
    """A word or phrase editors do not want in comments, and what happens to a comment using it."""

    class Action(models.TextChoices):
        HOLD = "hold", _("Hold for moderation")
        SPAM = "spam", _("Mark as spam")

    phrase = models.CharField(
        verbose_name=_("phrase"),
        max_length=100,
        unique=True,
        help_text=_(
            "Matched as a whole word or phrase, ignoring case, in the comment, name, "
            "email and website."
        ),
    )
    action = models.CharField(
        verbose_name=_("action"),
        max_length=4,
        choices=Action.choices,
        default=Action.HOLD,
        help_text=_("Held comments wait in the pending list; spam goes straight to the spam list."),
    )
    created_at = models.DateTimeField(verbose_name=_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["phrase"]
        verbose_name = _("blocked word")
        verbose_name_plural = _("blocked words")

    def __str__(self):
        return self.phrase


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def public(self):
        """What readers see: approved comments. A parent that is gone (deleted, removed, spam)
        or held again shows as a placeholder above them (comments/tombstones.py)."""
        return self.approved()

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def from_email(self, email):
        return self.filter(email=Comment.normalize_email(email))

    def recent_duplicate_of(self, *, article, parent, name, email, text, within=DUPLICATE_WINDOW):
        """The comment, whatever its status, that a submission with these details repeats:
        same story, same comment answered, same author and same text, stored within `within`."""
        return (
            self.filter(
                article=article,
                parent=parent,
                name=name,
                email=Comment.normalize_email(email),
                text=text,
                created_at__gte=timezone.now() - within,
            )
            .order_by("-created_at", "-pk")
            .first()
        )

    def moderate(self, status):
        """Give these comments `status`; one UPDATE, so a bulk action is all or nothing."""
        slugs = set(self.values_list("article__slug", flat=True))
        moderated = self.update(status=status, moderated_at=timezone.now())
        for slug in slugs:
            retire_story_pages(slug)
        return moderated


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        SPAM = "spam", _("Spam")
        REMOVED = "removed", _("Removed")

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        help_text=_("The comment this one replies to; empty for a top-level comment."),
    )
    # The top-level comment of the thread, so a page of threads is one indexed lookup
    # instead of a recursive walk. Empty for top-level comments themselves.
    thread = models.ForeignKey(
        "self",
        verbose_name=_("thread"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    depth = models.PositiveSmallIntegerField(verbose_name=_("depth"), default=0, editable=False)
    name = models.CharField(
        verbose_name=_("name"), max_length=80, help_text=_("Shown with the comment.")
    )
    email = models.EmailField(
        verbose_name=_("email"),
        max_length=254,
        help_text=_("Never published. Used to recognise returning commenters."),
    )
    website = models.URLField(
        verbose_name=_("website"),
        max_length=200,
        blank=True,
        help_text=_("Optional; the name links to it (nofollow)."),
    )
    text = models.TextField(
        verbose_name=_("text"), help_text=_("Plain text, as the reader typed it.")
    )
    text_html = models.TextField(verbose_name=_("text html"), editable=False)
    status = models.CharField(
        verbose_name=_("status"),
        max_length=8,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
        help_text=_("Only approved comments are shown on the site."),
    )
    held_reason = models.CharField(
        _("why it was held"),
        max_length=300,
        blank=True,
        help_text=_("Filled in when the comment was not published straight away."),
    )
    created_at = models.DateTimeField(verbose_name=_("created at"), default=timezone.now)
    moderated_at = models.DateTimeField(
        verbose_name=_("moderated at"), null=True, blank=True, editable=False
    )
    edited_at = models.DateTimeField(
        verbose_name=_("edited at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When its author last changed it; readers see “edited”."),
    )
    # Set when its author deleted it (editing.py), so its tombstone says "deleted", not
    # "removed by a moderator".
    deleted_at = models.DateTimeField(
        verbose_name=_("deleted by its author at"), null=True, blank=True, editable=False
    )
    # The language of the page it was posted from: mail about it (a statement of reasons) is
    # written in it. Empty for comments posted before it was recorded.
    language = models.CharField(
        verbose_name=_("language"), max_length=7, blank=True, editable=False
    )
    # Set only by the admin's "Reply as the site" (site_replies.py): readers see a "Staff"
    # badge, which typing the site's name into the form cannot earn.
    by_staff = models.BooleanField(
        verbose_name=_("staff reply"),
        default=False,
        editable=False,
        help_text=_("Posted by an editor as the site; readers see a “Staff” badge."),
    )
    # A confirmation link gives the browser that uses it proof of the address (confirmation.py):
    # set when it is used, so the link works once, not for anyone who opens it later.
    confirmation_used_at = models.DateTimeField(
        verbose_name=_("confirmation link used at"), null=True, blank=True, editable=False
    )
    # Set once subscribers have been told about this comment, so approving it again (or two
    # editors approving it at once) never mails them twice. See subscriptions.py.
    subscribers_told_at = models.DateTimeField(
        verbose_name=_("subscribers told at"), null=True, blank=True, editable=False
    )
    # A keyed hash and a truncated network, never the address itself: enough to spot one
    # client flooding the site, not enough to identify a reader.
    ip_hash = models.CharField(_("client hash"), max_length=64, blank=True, editable=False)
    ip_network = models.CharField(_("client network"), max_length=49, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        get_latest_by = "created_at"
        indexes = [
            models.Index(
                fields=["article", "status", "parent", "created_at"], name="comment_thread_idx"
            ),
            models.Index(fields=["email", "status"], name="comment_email_idx"),
            models.Index(fields=["status", "-created_at"], name="comment_queue_idx"),
            # The moderation list, newest first over every status (2 million rows at scale).
            models.Index(fields=["created_at", "id"], name="comment_time_idx"),
            # A story's threads in page order (comments/threads.py): a page of them reads
            # that page's index entries, not every comment on the story. The status is a key
            # column, not INCLUDEd, which SQLite would ignore with a warning.
            models.Index(
                fields=["article", "created_at", "id", "status"],
                condition=models.Q(parent=None),
                name="comment_top_level_idx",
            ),
        ]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return f"{self.name} on {self.article}"

    def save(self, *args, **kwargs):
        self.email = self.normalize_email(self.email)
        self.text_html = render_comment_text(self.text)
        self.place_under(self.parent if self.parent_id else None)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """A permanent link that finds the comment on whichever page it has landed."""
        return reverse("comments:permalink", args=[self.pk])

    def place_under(self, parent):
        """Make this a reply to `parent` (None: a top-level comment), with the thread and depth
        that follow from it. save() calls it; bulk inserts, which skip save(), call it too."""
        self.parent = parent
        if parent is None:
            self.thread, self.depth = None, 0
        else:
            self.thread_id = parent.thread_id or parent.pk
            self.depth = parent.depth + 1

    # The form every address is stored and looked up in (comments/mailboxes.py).
    normalize_email = staticmethod(normalize_email)

    @property
    def anchor(self):
        return f"comment-{self.pk}"

    @property
    def accepts_replies(self):
        return self.depth < MAX_DEPTH - 1

    @property
    def excerpt(self):
        return self.text if len(self.text) <= 80 else self.text[:79].rstrip() + "…"


class CommentRevision(models.Model):
    """The text a comment had before its author edited it: editors see every version."""

    comment = models.ForeignKey(
        Comment, verbose_name=_("comment"), on_delete=models.CASCADE, related_name="revisions"
    )
    text = models.TextField(
        verbose_name=_("text"), help_text=_("The text as it was before the edit.")
    )
    replaced_at = models.DateTimeField(verbose_name=_("replaced at"), default=timezone.now)

    class Meta:
        ordering = ["-replaced_at", "-id"]
        get_latest_by = "replaced_at"
        verbose_name = _("comment revision")
        verbose_name_plural = _("comment revisions")

    def __str__(self):
        return f"Earlier text of comment {self.comment_id}"


# Models with a module of their own, imported so Django finds them (after this module's own, as
# they always were: the order Django registers models in numbers their content types). Neither
# imports this module.
from .commenters import CommenterAddress, Subscription  # noqa: E402, F401
from .outbox import OutgoingMail  # noqa: E402, F401

# isort: split
# The moderation log and statements of reasons (decisions.py), registered after the rest.
from .decisions import (  # noqa: E402, F401
    ModerationDecision,
    ModerationReason,
    ModerationReasonTranslation,
    ReviewRequest,
)
from .reports import CommentReport  # noqa: E402, F401


class ReportedComment(Comment):
    """Comments readers have reported: the admin's "Reported" queue (comments/admin_reports.py;
    the reports themselves are comments/reports.py)."""

    class Meta:
        proxy = True
        verbose_name = _("reported comment")
        verbose_name_plural = _("reported comments")


from .people import CommenterRestriction  # noqa: E402, F401

# isort: split
from .assist import AssistScore  # noqa: E402, F401
