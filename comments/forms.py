"""The response form under a story: what a reader may send, and the errors they get back.

Anything wrong comes back as a message next to the field concerned (or above the form for
problems with the form itself), and the reader's text is always sent back with it: a
rejected comment must never cost them what they wrote.
"""

import re
import unicodedata

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from newsroom.templating import READER_FORMS

from . import held_reasons, moderation, notify, spam, statements, subscriptions
from .lookalikes import BLANK_LETTERS
from .models import Comment

TEXT_MAX_LENGTH = 5000
TOKEN_MAX_LENGTH = 300
# Control characters (other than line breaks and tabs) and the bidirectional overrides and
# isolates have no place in a name or a comment: they are how "‮gnp.exe" style spoofs work.
INVISIBLE_TROUBLEMAKERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)

TOKEN_ERRORS = {
    spam.TokenProblem.STALE: _(
        "This form was open for a long time, so we need you to send your comment again."
    ),
    spam.TokenProblem.FORGED: _(
        "Something went wrong with the form. Please send your comment again."
    ),
}
HONEYPOT_ERROR = _(
    "Your comment was not sent because a hidden field meant to stay empty was filled in "
    "(browser autofill sometimes does this). Please send it again."
)
PARENT_ERROR = _(
    "The comment you are replying to is no longer available, so your reply was not posted. "
    "You can send it as a new comment instead."
)
TOKEN_SPENT_ERROR = _("This form has already been used to send comments. Please send yours again.")
RATE_ERROR = _(
    "You have sent a lot of comments in a short time. Please wait a few minutes, then send "
    "this one again."
)
NAME_LINE_BREAK_ERROR = _("Write your name on one line, without line breaks or tabs.")
# A name goes into mail subjects (replies, notifications), where a line break is refused.
LINE_BREAKS = re.compile("[\t\n\r\x85\u2028\u2029]")
TOO_LONG = _("Please shorten this to %(limit_value)d characters or fewer (it has %(show_value)d).")


# Format characters (zero-width joiners, soft hyphens...), controls, surrogates, private-use
# and unassigned code points, separators and combining marks: nothing a reader can see alone.
UNSEEN_CATEGORIES = frozenset({"Cf", "Cc", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"})


def tidy(text):
    text = unicodedata.normalize("NFC", text)
    return INVISIBLE_TROUBLEMAKERS.sub("", text)


def has_visible_characters(text):
    return any(
        not char.isspace()
        and char not in BLANK_LETTERS
        and unicodedata.category(char) not in UNSEEN_CATEGORIES
        for char in text
    )


class TidyCharField(forms.CharField):
    """Text with control characters and direction overrides removed. A value with nothing a
    reader could see (only spaces, zero-width or other invisible characters) counts as empty,
    so it gets the field's "required" message. Joiners inside visible text stay: emoji
    sequences and Persian words need them."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return value
        value = tidy(value).strip()
        return value if has_visible_characters(value) else ""


class WebAddressField(forms.URLField):
    default_validators = [URLValidator(schemes=["http", "https"])]
    default_error_messages = {
        "invalid": _("Enter a web address starting with http:// or https://, or leave it empty."),
        "max_length": TOO_LONG,
    }


class CommentForm(forms.Form):
    default_renderer = READER_FORMS

    text = TidyCharField(
        label=_("Comment"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 7}),
        error_messages={"required": _("Write your comment."), "max_length": TOO_LONG},
    )
    name = TidyCharField(
        label=_("Name"),
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={
            "required": _("Enter your name; it is shown with your comment."),
            "max_length": TOO_LONG,
        },
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("Never published. Editors use it only to moderate comments."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter your email address. It is never published."),
            "invalid": _("Enter an email address like name@example.com."),
            "max_length": TOO_LONG,
        },
    )
    website = WebAddressField(
        label=_("Website"),
        max_length=200,
        required=False,
        assume_scheme="https",
        help_text=_("Optional. Your name will link to it."),
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )
    remember = forms.BooleanField(label=_("Remember my name, email and website"), required=False)
    notify_replies = forms.BooleanField(label=_("Email me replies to my comment"), required=False)
    notify_story = forms.BooleanField(
        label=_("Email me new comments on this story"), required=False
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    token = forms.CharField(required=False, widget=forms.HiddenInput)
    # The honeypot: hidden from people by CSS and from keyboards and screen readers by markup.
    subject = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, article, can_remember=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        # The line under the checkbox says what it does, or why it is unavailable; tie it to
        # the checkbox so a screen reader reads it with the box (ids in comments/form_fields.html).
        remember_field = self.fields["remember"]
        remember_field.widget.attrs["aria-describedby"] = "remember-help"
        if not can_remember:
            remember_field.disabled = True
            remember_field.widget.attrs["aria-describedby"] = "remember-unavailable"

    @classmethod
    def blank(cls, article, initial=None, can_remember=False):
        initial = {**(initial or {}), "token": spam.issue_form_token(article.pk)}
        return cls(article=article, initial=initial, can_remember=can_remember)

    @property
    def honeypot(self):
        """The trap field, whatever spam.py names it."""
        return self[spam.HONEYPOT_FIELD]

    def fields_with_errors(self):
        """The fields to list in the summary of errors above the form: not the hidden ones,
        and not the trap, which a person never sees."""
        return [
            field
            for field in self
            if field.errors and not field.is_hidden and field.name != spam.HONEYPOT_FIELD
        ]

    def clean_name(self):
        name = self.cleaned_data.get("name", "")
        if LINE_BREAKS.search(name):
            raise forms.ValidationError(NAME_LINE_BREAK_ERROR, code="line_break")
        return name

    def clean_parent(self):
        parent_id = self.cleaned_data.get("parent")
        if not parent_id:
            return None
        parent = Comment.objects.public().filter(pk=parent_id, article=self.article).first()
        if parent is None or not parent.accepts_replies:
            raise forms.ValidationError(PARENT_ERROR, code="parent")
        return parent

    def clean(self):
        cleaned = super().clean()
        if self.data.get(spam.HONEYPOT_FIELD):
            self.add_error(None, forms.ValidationError(HONEYPOT_ERROR, code="honeypot"))
        token = self.data.get("token", "")[:TOKEN_MAX_LENGTH]
        problem = spam.form_token_problem(token, self.article.pk)
        if problem:
            self.add_error(None, forms.ValidationError(TOKEN_ERRORS[problem], code=problem.value))
        return cleaned

    def refuse_spent_token(self):
        """Mark a valid post as refused because its form token has served its posts; the
        form goes back with a fresh one (prepare_for_another_try)."""
        self.add_error(None, forms.ValidationError(TOKEN_SPENT_ERROR, code="token_spent"))

    def refuse_for_rate(self):
        """Mark a valid post as refused because its client sent too many."""
        self.add_error(None, forms.ValidationError(RATE_ERROR, code="rate_limit"))

    def prepare_for_another_try(self):
        """Send the reader's text back, after errors, with a form they can submit again
        straight away: the honeypot emptied, a bad reply target or token replaced."""
        data = self.data.copy()
        data[spam.HONEYPOT_FIELD] = ""
        if "parent" in self.errors:
            data["parent"] = ""
        # A good token keeps running; a bad or stale one is replaced.
        problem = spam.form_token_problem(data.get("token", "")[:TOKEN_MAX_LENGTH], self.article.pk)
        if problem is not None or self.has_error(NON_FIELD_ERRORS, "token_spent"):
            data["token"] = spam.issue_form_token(self.article.pk)
        self.data = data

    @property
    def reply_to(self):
        """The comment being answered, once validated."""
        return getattr(self, "cleaned_data", {}).get("parent")

    def save(self, site_root, client, posts_in_window, proven=False, posted_here=()):
        """Store the comment with the status moderation gives it, and tell editors if held
        (for more than its address's confirmation), subscribers if published.

        `proven`: the posting browser proved it owns the address (confirmation.py).
        A form sent again (a double click, a reload that resends it) is not stored twice:
        the comment it repeats is returned instead (with `is_new` False), so the reader gets
        the same answer as the first time and nobody is told twice. That happens only when
        the earlier comment is among `posted_here` (the ids this browser's cookies say it
        posted), or is spam (which gives nothing away). Anyone else sending the same story,
        name, email and text is a new poster: their copy is stored and held like any post,
        so they get no hold on the earlier comment, and their answer is the one a different
        email would get (no way to test whose email is behind a comment).
        """
        data = self.cleaned_data
        comment = Comment(
            article=self.article,
            parent=data["parent"],
            name=data["name"],
            email=data["email"],
            website=data["website"],
            text=data["text"],
            ip_hash=client.ip_hash,
            ip_network=client.ip_network,
            language=translation.get_language() or "",
        )
        with transaction.atomic():
            # A double click sends both copies at once: locking the story's row makes the
            # second wait until the first is stored, so it finds it (PostgreSQL; SQLite
            # ignores the lock).
            Article.objects.select_for_update().only("pk").get(pk=self.article.pk)
            earlier = Comment.objects.recent_duplicate_of(
                article=comment.article,
                parent=comment.parent,
                name=comment.name,
                email=comment.email,
                text=comment.text,
            )
            if earlier is not None and (
                earlier.pk in posted_here or earlier.status == Comment.Status.SPAM
            ):
                earlier.is_new = False
                return earlier
            verdict = moderation.assess(
                comment, posts_in_window=posts_in_window, proven=proven, repeats=earlier
            )
            comment.status, comment.held_reason = verdict.status, verdict.held_reason
            comment.save()
            comment.is_new = True
            if comment.status == Comment.Status.SPAM:
                statements.log_automatic(comment)
            else:
                subscriptions.record_wishes(
                    comment, data.get("notify_replies"), data.get("notify_story"), proven
                )
            if comment.status == Comment.Status.PENDING:
                # A comment whose address is not yet confirmed from this browser reaches the
                # editors once it is (confirmation.confirm): until then nobody need read it, and
                # an unconfirmed post takes the same steps whatever address it names, first
                # comment or not, so its timing tells nothing about the address.
                notify.comment_held(
                    comment, site_root, tell_editors=held_reasons.UNCONFIRMED not in verdict.reasons
                )
            elif comment.status == Comment.Status.APPROVED:
                subscriptions.announce(comment, site_root)
        return comment
