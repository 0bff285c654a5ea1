"""What a reader's report of a comment does, and what the reporter hears back (DSA Art. 16).

- **Anyone may report** a public comment, without an account. A client may file at most
  `REPORTS_PER_CLIENT` reports in `REPORT_WINDOW` seconds, counted in the database
  (newsroom.models.Counter): a cache could evict the count, and an evicted count is a lifted
  limit. A second open report of one comment from one client is not stored again, so one
  client is one voice.
- **Several voices hide it.** Once `COMMENTS_REPORTS_TO_HIDE` distinct clients have open
  reports on a published comment, it goes back to the pending queue with the held reason
  `REPORTED` until a moderator decides; editors are told as for any held comment. The status
  change sends the comment's save signal, which retires the story's cached pages.
- **A moderator's decision settles the reports.** Approving, removing or marking as spam a
  comment resolves its open reports, and each reporter who left an address is mailed the
  outcome once (through the outbox, in the language they reported in). Later reports of an
  approved comment start counting afresh.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from articles.models import Article
from newsroom.models import Counter

from . import held_reasons, notify, outbox, statements
from .models import Comment
from .reports import CommentReport

REPORTS_PER_CLIENT = 10
REPORT_WINDOW = 3600
# The held reason of a comment hidden by readers' reports: a code, not a sentence.
REPORTED = held_reasons.REPORTED
DECISION_PURPOSE = "report decision"


def reportable_comments():
    """Comments a reader can report: those the public sees, on published stories."""
    return Comment.objects.public().filter(article__in=Article.objects.published())


def count_report(client):
    """Count one more report from `client` (a comments.client.ClientTrace); whether it is
    still within the limit."""
    reports = Counter.objects.hit(f"comments:reports:{client.rate_key}", REPORT_WINDOW)
    return reports <= REPORTS_PER_CLIENT


def file_report(comment, *, reason, text, reporter_email, client, site_root):
    """Store a report of `comment` and hide the comment if enough clients reported it.
    Returns the report, or None if this client's open report of it was already stored."""
    with transaction.atomic():
        # Reports of one comment are filed one at a time, so two reports arriving together
        # are both counted (PostgreSQL; SQLite has one writer anyway).
        comment = Comment.objects.select_for_update().select_related("article").get(pk=comment.pk)
        open_reports = comment.reports.open()
        if open_reports.filter(client_hash=client.ip_hash).exists():
            return None
        report = CommentReport.objects.create(
            comment=comment,
            reason=reason,
            text=text,
            reporter_email=reporter_email,
            language=translation.get_language() or "",
            client_hash=client.ip_hash,
        )
        if (
            comment.status == Comment.Status.APPROVED
            and open_reports.distinct_clients() >= settings.COMMENTS_REPORTS_TO_HIDE
        ):
            hide_for_review(comment, site_root)
    return report


def hide_for_review(comment, site_root):
    comment.status = Comment.Status.PENDING
    comment.held_reason = REPORTED
    comment.moderated_at = timezone.now()
    # save() sends the signal that retires the story's cached pages.
    comment.save(update_fields=["status", "held_reason", "moderated_at"])
    statements.log_automatic(comment, Comment.Status.APPROVED)
    notify.comment_held(comment, site_root, tell_editors=True)


def decided(comment_ids, status):
    """A moderator gave the comments `comment_ids` their final `status`: resolve their open
    reports and queue the decision for each reporter who left an address."""
    if status not in (Comment.Status.APPROVED, Comment.Status.REMOVED, Comment.Status.SPAM):
        return 0
    with transaction.atomic():
        reports = list(
            CommentReport.objects.open()
            .filter(comment_id__in=list(comment_ids))
            .select_for_update()
            .select_related("comment__article")
            .order_by("created_at", "pk")
        )
        if not reports:
            return 0
        CommentReport.objects.filter(pk__in=[r.pk for r in reports]).update(
            resolved_at=timezone.now()
        )
        told = set()
        for report in reports:
            key = (report.comment_id, report.reporter_email)
            if report.reporter_email and key not in told:
                told.add(key)
                _tell_reporter(report, status)
    return len(reports)


def _language_of(report):
    known = {code for code, _name in settings.LANGUAGES}
    return report.language if report.language in known else settings.LANGUAGE_CODE


def _tell_reporter(report, status):
    comment = report.comment
    with translation.override(_language_of(report)):
        if status == Comment.Status.APPROVED:
            outcome = _(
                "The editors reviewed it and found that it breaks neither the law nor our "
                "rules for comments, so it stays published."
            )
        else:
            outcome = _("The editors reviewed it and have removed it from the site.")
        subject = _("[%(site)s] Your report of a comment") % {"site": settings.SITE_NAME}
        body = "\n".join(
            [
                _("You reported a comment by %(name)s on “%(headline)s”:")
                % {"name": comment.name, "headline": comment.article.headline},
                "",
                comment.excerpt,
                "",
                outcome,
                "",
                _("Thank you for helping us keep the conversation civil and lawful."),
            ]
        )
    outbox.enqueue(report.reporter_email, subject, body, purpose=DECISION_PURPOSE)
