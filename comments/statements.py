"""Moderation decisions taken in the admin: logged, and explained to the commenter.

Rules this module owns (EU Digital Services Act, Art. 17 and 20):
- **Every decision is logged**: each change of a comment's status by an editor writes one
  `ModerationDecision` (who, when, from what to what, the reason and the editor's words), in
  the transaction that changes the status.
- **Removing or restricting needs a reason.** Removed and spam are restrictions; the admin asks
  for a reason from the list editors keep (`ModerationReason`) before taking them.
- **The commenter is told**: a statement of reasons goes through the outbox, in the language
  they commented in, saying what was decided, why, that a person decided it, and how to ask
  for a review (a signed link to a small form, valid `REVIEW_DAYS`). Reasons unticked "mail
  the commenter" (spam, which the regulation exempts) send nothing.
- The statement never names the moderator, and the page behind the link shows the commenter
  only their own comment's story and the reason.
- **The site's own rules are logged too** (`log_automatic`): a comment posted or edited into
  spam or a hold, or hidden for review after reports, writes a decision marked automated, with
  the rule's codes as its words. Those send no statement: spam senders get none, and a hold
  is not yet a decision; a moderator's decision on it is mailed as any other.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import outbox
from .decisions import ModerationDecision, ModerationReason, ReviewRequest
from .models import Comment

RESTRICTING = (Comment.Status.REMOVED, Comment.Status.SPAM)
REVIEW_SALT = "comments.review-request"
# The regulation asks that a decision can be contested for at least six months.
REVIEW_DAYS = 183
MAX_SIGNED_LENGTH = 200
MAX_OPEN_REQUESTS = 1


def needs_reason(status):
    return status in RESTRICTING


def decide(comments, status, moderator, site_root, reason=None, explanation=""):
    """Give `comments` (a queryset) `status` on behalf of `moderator`, log each decision and
    queue the statements of reasons; returns the decisions written. Comments already in
    `status` are left alone."""
    if needs_reason(status) and reason is None:
        raise ValueError("Removing or restricting a comment needs a reason.")
    with transaction.atomic():
        # Locked by id, apart from whatever the caller's queryset joins (the admin's list joins
        # the assist's scores, and PostgreSQL cannot lock the nullable side of an outer join).
        changing = list(
            comments.model.objects.filter(pk__in=comments.values("pk"))
            .exclude(status=status)
            .select_related("article")
            .select_for_update(of=("self",))
        )
        comments.model.objects.filter(pk__in=[c.pk for c in changing]).moderate(status)
        decisions = [
            log(comment, comment.status, status, moderator, reason, explanation, site_root)
            for comment in changing
        ]
    return decisions


def log(comment, previous_status, status, moderator, reason, explanation, site_root):
    """Write the decision that took `comment` from `previous_status` to `status`, and mail the
    commenter its statement if the decision restricts their comment."""
    tell = needs_reason(status) and reason is not None and reason.tell_commenter
    decision = ModerationDecision.objects.create(
        comment=comment,
        comment_excerpt=comment.excerpt[:100],
        previous_status=previous_status,
        status=status,
        reason=reason if needs_reason(status) else None,
        explanation=explanation if needs_reason(status) else "",
        moderator=moderator,
        commenter_told=tell,
    )
    if tell:
        with translation.override(language_of(comment)):
            _queue_statement(decision, comment, site_root)
    return decision


def log_automatic(comment, previous_status=""):
    """Log the status the site's rules just gave `comment` (saved), from `previous_status`
    (empty for a comment being posted)."""
    spam = comment.status == Comment.Status.SPAM
    return ModerationDecision.objects.create(
        comment=comment,
        comment_excerpt=comment.excerpt[:100],
        previous_status=previous_status,
        status=comment.status,
        reason=ModerationReason.objects.filter(code="spam").first() if spam else None,
        explanation=comment.held_reason,
        automated=True,
    )


def language_of(comment):
    """The language the commenter wrote in, if the site still speaks it."""
    known = {code for code, _name in settings.LANGUAGES}
    return comment.language if comment.language in known else settings.LANGUAGE_CODE


def review_url(decision, site_root):
    token = signing.dumps(decision.pk, salt=REVIEW_SALT)
    return site_root.rstrip("/") + reverse("comments:review", args=[token])


def decision_for_link(token):
    """The decision a review link names, if the link is genuine and not too old."""
    if not isinstance(token, str) or len(token) > MAX_SIGNED_LENGTH:
        return None
    try:
        pk = signing.loads(token, salt=REVIEW_SALT, max_age=timedelta(days=REVIEW_DAYS))
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return (
        ModerationDecision.objects.select_related("comment__article", "reason")
        .filter(pk=pk, comment__isnull=False)
        .first()
    )


def ask_for_review(decision, message):
    """Store a commenter's request; False if one for this decision is already waiting (a link
    can be opened again, but the desk hears each decision contested once at a time)."""
    with transaction.atomic():
        # The decision's row is the lock: PostgreSQL takes no FOR UPDATE with a count.
        type(decision).objects.select_for_update().filter(pk=decision.pk).first()
        waiting = ReviewRequest.objects.open().filter(decision=decision)
        if waiting.count() >= MAX_OPEN_REQUESTS:
            return False
        ReviewRequest.objects.create(decision=decision, message=message)
    return True


STATUS_WORDS = {
    Comment.Status.REMOVED: lambda: _("It has been removed and is no longer shown on the site."),
    Comment.Status.SPAM: lambda: _(
        "It has been marked as unwanted and is no longer shown on the site."
    ),
}


def _queue_statement(decision, comment, site_root):
    title, text = decision.reason.in_language(translation.get_language())
    words = {
        "site": settings.SITE_NAME,
        "headline": comment.article.headline,
        "date": timezone.localtime(comment.created_at).date().isoformat(),
    }
    lines = [
        _("Your comment of %(date)s on “%(headline)s”:") % words,
        "",
        comment.excerpt,
        "",
        STATUS_WORDS[decision.status](),
        "",
        _("Reason: %(title)s") % {"title": title},
        text,
    ]
    if decision.explanation:
        lines += ["", _("The moderator added: %(words)s") % {"words": decision.explanation}]
    lines += [
        "",
        _("A person on our moderation team took this decision, not an automatic system."),
        _("If you think it is wrong, you can ask us to review it within six months: %(link)s")
        % {"link": review_url(decision, site_root)},
        _("You may also turn to an out-of-court dispute settlement body or a court."),
    ]
    outbox.enqueue(
        comment.email,
        _("[%(site)s] Your comment on “%(headline)s” was moderated") % words,
        "\n".join(lines),
        purpose="statement",
    )
