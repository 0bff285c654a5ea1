"""The moderation desk: the comment queue with why each was held, bulk actions, blocked words."""

from django.contrib import admin
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from articles.admin import ArticleAdmin
from articles.models import Article
from newsroom.admin_lists import BigTableAdminMixin

from . import reporting, subscriptions, tombstones
from .admin_desk import ModerationDeskMixin
from .assist_admin import AssistQueueMixin
from .decisions_admin import ReasonedModerationMixin
from .models import BlockedWord, Comment, OutgoingMail
from .people_admin import PeopleActionsMixin

# How many of the newest comments a search for words looks through (get_search_results):
# about two weeks of a site with 2 million comments in four years.
SEARCHED = 20_000


@admin.register(Comment)
class CommentAdmin(
    BigTableAdminMixin,
    ModerationDeskMixin,
    ReasonedModerationMixin,
    PeopleActionsMixin,
    AssistQueueMixin,
    admin.ModelAdmin,
):
    # What a moderator decides on, all visible at 1280 px beside the navigation and filters:
    # name and address share a cell, and the time is left to the date bar and filter (the
    # queue is newest first, admin_desk.py, which adds the row buttons). static/editors/admin.css
    # lets the columns wrap.
    list_display = ["excerpt", "article", "commenter", "status", "why_held"]
    list_display_links = ["excerpt"]
    # No choice of stories in the filter and no date bar: both read every comment to find
    # their choices (newsroom/admin_lists.py). A story's comments are one link away, from its
    # comment count in the story list (?article__id__exact=).
    list_filter = ["status", "created_at"]
    list_select_related = ["article"]
    search_fields = ["name", "email", "text", "article__headline", "held_reason"]
    actions = ["approve", "mark_spam", "remove"]
    fields = [
        "article", "parent", "name", "email", "website", "text", "status", "why_held",
        "created_at", "edited_at", "earlier_texts", "moderated_at", "ip_network", "ip_hash",
    ]  # fmt: skip
    readonly_fields = [
        "article", "parent", "why_held", "created_at", "edited_at", "earlier_texts",
        "moderated_at", "ip_network", "ip_hash",
    ]  # fmt: skip

    list_per_page = 50
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        # The rendered HTML duplicates the text and the list never shows it.
        return super().get_queryset(request).defer("text_html")

    def get_search_results(self, request, queryset, search_term):
        # An address is looked up exactly, through the email index; words are looked for in
        # the newest SEARCHED comments only: a search for text reads every row it covers, and
        # 2 million comments took 21 s. Older comments are found by address or date filter.
        term = search_term.strip()
        if "@" in term and " " not in term:
            return queryset.filter(email=term), False
        found, duplicates = super().get_search_results(request, queryset, search_term)
        if term and "created_at__gte" not in request.GET:
            # The time of the SEARCHED-th newest comment, found in the time index; then a range
            # of that index (a list of ids to match against took 12 s on 2 million comments).
            times = Comment.objects.order_by("-created_at", "-id").values_list("created_at")
            edge = times[SEARCHED - 1 : SEARCHED].first()
            if edge is not None:
                found = found.filter(created_at__gte=edge[0])
        return found, duplicates

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj.moderated_at = timezone.now()
        super().save_model(request, obj, form, change)
        if "status" in form.changed_data:
            reporting.decided([obj.pk], obj.status)
        if obj.status == Comment.Status.APPROVED:
            subscriptions.announce(obj, request.build_absolute_uri("/"))

    # Deleting erases a comment for good, but never the replies below it (tombstones.erase):
    # the confirmation page lists only the chosen comments, since no reply goes with them.
    def get_deleted_objects(self, objs, request):
        chosen = list(objs)
        listed = [format_html("{}: {}", _("Comment"), comment.excerpt) for comment in chosen]
        perms_needed = set() if self.has_delete_permission(request) else {_("comment")}
        return listed, {Comment._meta.verbose_name_plural: len(chosen)}, perms_needed, []

    def delete_model(self, request, obj):
        self.delete_queryset(request, Comment.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        _deleted, emptied = tombstones.erase(queryset)
        if emptied:
            self.message_user(
                request,
                ngettext_lazy(
                    "%(count)d comment had replies: it was emptied and stays as a tombstone "
                    "above them.",
                    "%(count)d comments had replies: they were emptied and stay as tombstones "
                    "above them.",
                    "count",
                )
                % {"count": emptied},
            )

    @admin.display(description=_("text before its author's edits"))
    def earlier_texts(self, comment):
        """Every text the comment had before its author edited it, newest first."""
        revisions = comment.revisions.all()
        if not revisions:
            return _("Not edited.")
        return format_html_join(
            "",
            "<p><strong>{}</strong><br>{}</p>",
            (
                (
                    _("Until %(time)s:")
                    % {"time": date_format(timezone.localtime(r.replaced_at), "DATETIME_FORMAT")},
                    r.text,
                )
                for r in revisions
            ),
        )

    @admin.display(description=_("comment"))
    def excerpt(self, comment):
        return comment.excerpt

    @admin.display(description=_("commenter"), ordering="name")
    def commenter(self, comment):
        return format_html('{}<br><span class="email">{}</span>', comment.name, comment.email)

    @admin.action(description=_("Approve selected comments (publish them)"))
    def approve(self, request, queryset):
        decisions = self.decide(
            request,
            queryset,
            Comment.Status.APPROVED,
            ngettext_lazy("Approved %(count)d comment.", "Approved %(count)d comments.", "count"),
        )
        # Subscribers hear about each comment once it is public (see subscriptions.py).
        subscriptions.announce_approved(
            [decision.comment_id for decision in decisions], request.build_absolute_uri("/")
        )

    @admin.action(description=_("Mark selected comments as spam"))
    def mark_spam(self, request, queryset):
        return self.decide_with_reason(
            request,
            queryset,
            Comment.Status.SPAM,
            ngettext_lazy(
                "Marked as spam: %(count)d comment.", "Marked as spam: %(count)d comments.", "count"
            ),
            _("Why are these comments spam?"),
        )

    @admin.action(description=_("Remove selected comments (hide them)"))
    def remove(self, request, queryset):
        return self.decide_with_reason(
            request,
            queryset,
            Comment.Status.REMOVED,
            ngettext_lazy("Removed %(count)d comment.", "Removed %(count)d comments.", "count"),
            _("Why are these comments removed?"),
        )


@admin.register(OutgoingMail)
class OutgoingMailAdmin(BigTableAdminMixin, admin.ModelAdmin):
    """The outbox, read-only: what was sent, what waits, what failed and why."""

    list_display = ["subject", "to", "purpose", "created_at", "attempts", "sent_at", "failed"]
    list_filter = ["purpose", "failed", ("sent_at", admin.EmptyFieldListFilter), "created_at"]
    search_fields = ["to", "subject"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(BlockedWord)
class BlockedWordAdmin(admin.ModelAdmin):
    list_display = ["phrase", "action", "created_at"]
    list_filter = ["action"]
    search_fields = ["phrase"]


def _comment_count(status):
    of_the_story = Comment.objects.filter(article=OuterRef("pk"), status=status).order_by()
    counted = of_the_story.values("article").annotate(total=Count("pk")).values("total")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


class ArticleWithCommentsAdmin(ArticleAdmin):
    """The story list with each story's comment counts: the comments app adds the column, so
    the articles app needs to know nothing about comments."""

    list_display = [*ArticleAdmin.list_display, "comment_count"]

    def get_queryset(self, request):
        # Both counts come in the list query, not a query per row, as subqueries: the database
        # counts the comments of the page's stories only (an index range each), where a join
        # grouped by story would count all 2 million comments before choosing the page.
        return (
            super()
            .get_queryset(request)
            .annotate(
                approved_comments=_comment_count(Comment.Status.APPROVED),
                pending_comments=_comment_count(Comment.Status.PENDING),
            )
        )

    @admin.display(description=_("comments"), ordering="approved_comments")
    def comment_count(self, article):
        if article.pending_comments:
            return _("%(approved)d (%(pending)d pending)") % {
                "approved": article.approved_comments,
                "pending": article.pending_comments,
            }
        return article.approved_comments


admin.site.unregister(Article)
admin.site.register(Article, ArticleWithCommentsAdmin)


# The "Reported comments" queue builds on the comment admin above.
from . import admin_reports  # noqa: E402, F401
