"""The moderation desk's tools for people (rules in people.py): suspend, ban and trust from the
comment list, and the list of suspensions and bans.

`PeopleActionsMixin` adds the actions to the comment admin through `get_actions`, so the
comment admin's own `actions` list stays its business.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsroom.admin_widgets import LabelledDateTimesMixin

from . import people
from .people import CommenterRestriction


class RestrictionReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        max_length=2000,
        help_text=_("Mailed to each commenter; write it for them to read."),
    )


class PeopleActionsMixin:
    """Suspend for 7 days, ban, and trust the commenters of the selected comments."""

    people_actions = [
        "suspend_commenters",
        "ban_commenters",
        "trust_commenters",
        "distrust_commenters",
    ]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.has_change_permission(request):
            for name in self.people_actions:
                function, action_name, description = self.get_action(name)
                actions[action_name] = (function, action_name, description)
        return actions

    def _restrict(self, request, queryset, days):
        form = RestrictionReasonForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            count = people.restrict(
                queryset.select_related("article"),
                form.cleaned_data["reason"],
                days=days,
                by=request.user,
            )
            message = (
                ngettext(
                    "Suspended %(count)d commenter for %(days)d days and mailed the reason.",
                    "Suspended %(count)d commenters for %(days)d days and mailed the reason.",
                    count,
                )
                if days
                else ngettext(
                    "Banned %(count)d commenter; they were mailed the reason.",
                    "Banned %(count)d commenters; they were mailed the reason.",
                    count,
                )
            )
            self.message_user(request, message % {"count": count, "days": days}, messages.SUCCESS)
            return None
        # Ask for the reason first, as Django's own delete action asks for a confirmation.
        return TemplateResponse(
            request,
            "admin/comments/restrict_commenters.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Suspend commenters for %(days)d days") % {"days": days}
                if days
                else _("Ban commenters"),
                "opts": self.model._meta,
                "comments": queryset,
                "form": form,
                "action": request.POST["action"],
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "days": days,
            },
        )

    @admin.action(description=_("Suspend the commenters for 7 days (mails the reason)"))
    def suspend_commenters(self, request, queryset):
        return self._restrict(request, queryset, people.SUSPENSION_DAYS)

    @admin.action(description=_("Ban the commenters (mails the reason)"))
    def ban_commenters(self, request, queryset):
        return self._restrict(request, queryset, None)

    @admin.action(description=_("Trust the commenters (skip pre-moderation)"))
    def trust_commenters(self, request, queryset):
        count = people.set_trust(queryset.values_list("email", flat=True), trusted=True)
        self.message_user(
            request,
            ngettext(
                "%(count)d address is now trusted.", "%(count)d addresses are now trusted.", count
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Stop trusting the commenters"))
    def distrust_commenters(self, request, queryset):
        count = people.set_trust(queryset.values_list("email", flat=True), trusted=False)
        self.message_user(
            request,
            ngettext(
                "%(count)d address is no longer trusted.",
                "%(count)d addresses are no longer trusted.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


class RestrictionAddForm(forms.ModelForm):
    """A suspension or ban typed in by hand: the address is hashed, never stored."""

    email = forms.EmailField(
        label=_("Email"),
        help_text=_(
            "The commenter's address. Only a keyed hash of its mailbox is kept; every spelling "
            "of the same inbox is covered."
        ),
    )

    class Meta:
        model = CommenterRestriction
        fields = ["email", "ends_at", "reason"]

    def save(self, commit=True):
        self.instance.mailbox_key = people.mailbox_key(self.cleaned_data["email"])
        return super().save(commit)


@admin.register(CommenterRestriction)
class CommenterRestrictionAdmin(LabelledDateTimesMixin, admin.ModelAdmin):
    list_display = ["__str__", "is_in_force", "ends_at", "reason", "comment", "created_by"]
    list_filter = [("ends_at", admin.EmptyFieldListFilter)]
    search_fields = ["reason"]
    date_hierarchy = "created_at"
    list_select_related = ["comment__article", "created_by"]
    raw_id_fields = ["comment"]
    readonly_fields = ["comment", "created_by", "created_at"]
    actions = ["lift"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = RestrictionAddForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["email", "ends_at", "reason"]
        return ["ends_at", "reason", "comment", "created_by", "created_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Lift the selected suspensions and bans now"))
    def lift(self, request, queryset):
        from django.utils import timezone

        count = queryset.in_force().update(ends_at=timezone.now())
        self.message_user(
            request,
            ngettext("Lifted %(count)d restriction.", "Lifted %(count)d restrictions.", count)
            % {"count": count},
            messages.SUCCESS,
        )
