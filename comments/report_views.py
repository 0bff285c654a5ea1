"""Reporting a comment: the form under each comment's "Report" link, and the thanks page.

No account and no JavaScript needed. The pages are the same for every reader (the form
carries no per-reader token: cross-site posts are refused by newsroom.crossorigin), and
what a report does is comments/reporting.py.
"""

from django import forms
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from articles.models import Article
from newsroom.crossorigin import reader_form
from newsroom.templating import READER_FORMS

from . import reporting, spam
from .client import trace_client
from .forms import HONEYPOT_ERROR, TOO_LONG, TidyCharField
from .reports import TEXT_MAX_LENGTH, CommentReport

RATE_ERROR = _(
    "You have sent a lot of reports in a short time. Please wait a while, then send this one again."
)


class ReportForm(forms.Form):
    default_renderer = READER_FORMS

    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=CommentReport.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a reason."),
            "invalid_choice": _("Choose one of the reasons listed."),
        },
    )
    text = TidyCharField(
        label=_("Details"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        help_text=_(
            "Optional. What is wrong with it? For illegal content, say which law it breaks "
            "if you know."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": TOO_LONG},
    )
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        required=False,
        help_text=_(
            "Optional. We write to you once the editors have decided. It is never published "
            "or shown to the commenter."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "invalid": _("Enter an email address like name@example.com, or leave it empty."),
            "max_length": TOO_LONG,
        },
    )
    # The honeypot, as on the comment form (comments/spam.py).
    subject = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    @property
    def honeypot(self):
        return self[spam.HONEYPOT_FIELD]

    def clean(self):
        cleaned = super().clean()
        if self.data.get(spam.HONEYPOT_FIELD):
            self.add_error(None, forms.ValidationError(HONEYPOT_ERROR, code="honeypot"))
        return cleaned

    def refuse_for_rate(self):
        self.add_error(None, forms.ValidationError(RATE_ERROR, code="rate_limit"))

    def fields_with_errors(self):
        return [field for field in self if field.errors and field.name != spam.HONEYPOT_FIELD]


@never_cache
@reader_form
@require_http_methods(["GET", "HEAD", "POST"])
def report_comment(request, comment_id):
    comment = get_object_or_404(
        reporting.reportable_comments().select_related("article"), pk=comment_id
    )
    form = ReportForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            client = trace_client(request)
            if reporting.count_report(client):
                reporting.file_report(
                    comment,
                    reason=form.cleaned_data["reason"],
                    text=form.cleaned_data["text"],
                    reporter_email=form.cleaned_data["email"],
                    client=client,
                    site_root=request.build_absolute_uri("/"),
                )
                return redirect("comments:report-thanks", comment.article_id)
            form.refuse_for_rate()
            status = 429
        # A person who fills in the trap by autofill only has to send again.
        form.data = form.data.copy()
        form.data[spam.HONEYPOT_FIELD] = ""
    return render(
        request, "comments/report.html", {"comment": comment, "form": form}, status=status
    )


@require_http_methods(["GET", "HEAD"])
def report_thanks(request, article_id):
    """What happens next, with a way back to the story. The same for every reader, whatever
    they reported (the comment itself may be hidden by now)."""
    article = get_object_or_404(Article.objects.published(), pk=article_id)
    return render(request, "comments/report_thanks.html", {"article": article})
