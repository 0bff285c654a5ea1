"""The page behind the review link in a statement of reasons: the commenter asks for a decision
on their comment to be looked at again (statements.py). A signed link, no account."""

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from newsroom.crossorigin import reader_form

from . import statements
from .forms import TidyCharField
from .views import invalid_link

REVIEW_MAX_LENGTH = 3000
RECEIVED_MESSAGE = _(
    "Thank you. Your request has reached the moderation team, who will look at the decision again."
)
ALREADY_WAITING_MESSAGE = _("We already have your request about this decision and will answer it.")


class ReviewForm(forms.Form):
    message = TidyCharField(
        label=_("Why should we look at this decision again?"),
        max_length=REVIEW_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 7}),
        error_messages={"required": _("Tell us why you think the decision is wrong.")},
    )


@never_cache
@reader_form
@require_http_methods(["GET", "HEAD", "POST"])
def request_review(request, token):
    decision = statements.decision_for_link(token)
    if decision is None:
        return invalid_link(request)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        received = statements.ask_for_review(decision, form.cleaned_data["message"])
        message = RECEIVED_MESSAGE if received else ALREADY_WAITING_MESSAGE
        return render(request, "comments/message.html", {"message": message})
    title, text = (
        decision.reason.in_language(request.LANGUAGE_CODE) if decision.reason else ("", "")
    )
    context = {"decision": decision, "form": form, "reason_title": title, "reason_text": text}
    return render(request, "comments/review.html", context, status=400 if form.is_bound else 200)
