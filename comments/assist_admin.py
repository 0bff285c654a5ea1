"""The moderation assist in the comment list (rules in assist.py): an "Assist score" column, a
"likely fine / needs a look" filter, and the queue ordered by the score once a model exists.

`AssistQueueMixin` adds them to the comment admin through `get_list_display` and
`get_list_filter`, so the comment admin's own lists stay its business.
"""

from django.contrib import admin, messages
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from . import assist

NO_MODEL_MESSAGE = _(
    "No moderation assist model is trained yet, so the queue is in date order. Run "
    "“manage.py train_moderation_assist” to order it by how likely editors are to reject "
    "each comment."
)


class AssistFilter(admin.SimpleListFilter):
    title = _("moderation assist")
    parameter_name = "assist"

    def lookups(self, request, model_admin):
        return [("look", _("needs a look")), ("fine", _("likely fine"))]

    def queryset(self, request, queryset):
        if self.value() == "look":
            return queryset.filter(assist__score__gte=assist.NEEDS_A_LOOK)
        if self.value() == "fine":
            return queryset.filter(assist__score__lt=assist.NEEDS_A_LOOK)
        return queryset


class AssistQueueMixin:
    def get_queryset(self, request):
        return super().get_queryset(request).annotate(assist_score=F("assist__score"))

    def get_list_display(self, request):
        # Without a trained model there is no score to show (the list says so instead).
        shown = super().get_list_display(request)
        return [*shown, "assist_score"] if assist.model_version() is not None else shown

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), AssistFilter]

    def get_ordering(self, request):
        if assist.model_version() is not None:
            # Most likely to be rejected first; comments the model has not scored (published
            # or decided ones) after them, in date order.
            return [F("assist_score").desc(nulls_last=True), "created_at", "pk"]
        return super().get_ordering(request)

    def changelist_view(self, request, extra_context=None):
        # Scores the waiting comments the current model has not seen, before the list is read.
        if assist.score_pending() is None and request.method == "GET":
            messages.info(request, NO_MODEL_MESSAGE)
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("Assist score"), ordering="assist_score")
    def assist_score(self, comment):
        if comment.assist_score is None:
            return "–"
        return f"{comment.assist_score:.2f}"
