"""The "Reported comments" queue: comments readers reported, newest report first, with how
many reports each has and why; the decision (approve, spam, remove) settles the reports and
tells the reporters (comments/reporting.py). Moderators who may change comments may use it.

Imported at the end of comments/admin.py, whose CommentAdmin it extends.
"""

from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from .admin import CommentAdmin
from .models import Comment, ReportedComment
from .reports import CommentReport, with_report_counts


class OpenReportsFilter(admin.SimpleListFilter):
    title = _("reports")
    parameter_name = "reports"

    def lookups(self, request, model_admin):
        return [("open", _("Awaiting a decision")), ("all", _("All reported"))]

    def choices(self, changelist):
        # "Awaiting a decision" is the queue, so it is what the bare address shows.
        for value, title in self.lookup_choices:
            yield {
                "selected": (self.value() or "open") == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": title,
            }

    def queryset(self, request, queryset):
        if self.value() == "all":
            return queryset
        return queryset.filter(open_reports__gt=0)


class ReportInline(admin.TabularInline):
    model = CommentReport
    fields = ["created_at", "reason", "text", "reporter_email", "resolved_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ReportedComment)
class ReportedCommentAdmin(CommentAdmin):
    """The comment admin's decisions (CommentAdmin._moderate settles the reports too), on a
    queue of reported comments."""

    list_display = ["excerpt", "article", "status", "report_count", "reasons", "latest_report"]
    list_display_links = ["excerpt"]
    list_filter = [OpenReportsFilter, "status"]
    list_select_related = ["article"]
    search_fields = ["text", "name", "article__headline"]
    fields = ["article", "name", "text", "status", "held_reason", "created_at", "full_comment"]
    readonly_fields = fields
    inlines = [ReportInline]

    def get_queryset(self, request):
        reported = CommentReport.objects.filter(comment=OuterRef("pk"))
        # Not through super(): ModelAdmin.get_queryset() orders before the counts exist.
        comments = self.model._default_manager.defer("text_html").filter(Exists(reported))
        comments = with_report_counts(comments).prefetch_related("reports")
        return comments.order_by(*self.get_ordering(request))

    def get_ordering(self, request):
        return ["-latest_report_at", "-pk"]

    def get_list_display(self, request):
        # The queue is ordered by its reports, not by the moderation assist's score.
        return self.list_display

    def get_list_filter(self, request):
        return self.list_filter

    # The queue is for deciding, never for writing comments: the comment's own page edits it.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("comments.change_comment")

    def has_module_permission(self, request):
        return request.user.has_perm("comments.change_comment")

    @admin.display(description=_("open reports"), ordering="open_reports")
    def report_count(self, comment):
        if comment.open_reports == comment.report_total:
            return comment.open_reports
        return _("%(open)d (%(total)d in all)") % {
            "open": comment.open_reports,
            "total": comment.report_total,
        }

    @admin.display(description=_("reasons"))
    def reasons(self, comment):
        """Each reason given in the open reports, with how many gave it."""
        counts = {}
        for report in comment.reports.all():
            if not report.is_resolved:
                label = report.get_reason_display()
                counts[label] = counts.get(label, 0) + 1
        return format_html_join(", ", "{} ({})", sorted(counts.items())) or "–"

    @admin.display(description=_("latest report"), ordering="latest_report_at")
    def latest_report(self, comment):
        return date_format(timezone.localtime(comment.latest_report_at), "SHORT_DATETIME_FORMAT")

    @admin.display(description=_("full comment"))
    def full_comment(self, comment):
        url = reverse("admin:comments_comment_change", args=[comment.pk])
        return format_html('<a href="{}">{}</a>', url, _("Open the comment to edit it"))

    def decide(self, request, queryset, status, done, **reason):
        # The queue's rows carry report counts; the decision is made on the plain comments.
        ids = list(queryset.values_list("pk", flat=True))
        return super().decide(request, Comment.objects.filter(pk__in=ids), status, done, **reason)
