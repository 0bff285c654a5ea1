"""The search form: what a reader may ask for, and what they are told when a part is odd.
The editors' story form (StoryDeskForm) and the focal point fields it shares with the media
library's form (FocalPointForm) are at the end.

A bad filter (an unknown section, a date that is not one) is reported next to its field and
left out; the rest of the search still runs. Nothing a reader sends is refused outright: the
query is tidied and cut to length (see search_syntax.py) and said to be so.
"""

from datetime import date

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from newsroom.templating import READER_FORMS

from .edit_conflicts import OpenedVersion, find_conflict
from .search_syntax import MAX_QUERY_LENGTH, parse, tidy

# Dates outside these are typing mistakes, and far enough out they overflow time zone maths.
EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2999, 12, 31)


class QueryField(forms.CharField):
    """The search box: control characters (NUL included) are dropped and long text is cut,
    rather than refused, and the box shows the text exactly as it was searched."""

    def to_python(self, value):
        return tidy(super().to_python(value))

    def prepare_value(self, value):
        return tidy(value) if isinstance(value, str) else value


class DayInput(forms.DateInput):
    """A date picker that shows back a value that is not a date. Browsers empty a
    type="date" field holding one, so the reader would see "Enter a valid date" next to an
    empty field, not what was wrong: such a value is shown in a plain text field instead."""

    input_type = "date"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        shown = context["widget"]["value"]
        if shown:
            try:
                date.fromisoformat(shown)
            except ValueError:
                context["widget"]["type"] = "text"
        return context


class DayField(forms.DateField):
    widget = DayInput(format="%Y-%m-%d")

    def __init__(self, **kwargs):
        super().__init__(required=False, input_formats=["%Y-%m-%d"], **kwargs)

    def validate(self, value):
        super().validate(value)
        if value and not EARLIEST_DAY <= value <= LATEST_DAY:
            raise forms.ValidationError(
                "Choose a date between %(first)s and %(last)s.",
                params={"first": EARLIEST_DAY.year, "last": LATEST_DAY.year},
            )


class SearchForm(forms.Form):
    default_renderer = READER_FORMS

    q = QueryField(
        label=_("Search for"),
        required=False,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "maxlength": MAX_QUERY_LENGTH,
                "aria-describedby": "search-help",
            }
        ),
    )
    section = forms.ChoiceField(label=_("Section"), required=False)

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = {section.slug: section for section in sections}
        self.fields["section"].choices = [("", gettext("All sections"))] + [
            (section.slug, section.name) for section in sections
        ]
        self.fields["section"].error_messages["invalid_choice"] = (
            "There is no section called “%(value)s”; showing every section."
        )
        # "from" is a Python keyword, so these two cannot be declared as class attributes.
        self.fields["from"] = DayField(label=gettext("From"))
        self.fields["to"] = DayField(label=gettext("To"))
        # Read from what was sent, before cleaning, so a query cut to length can say so.
        self.query = parse(self.data.get(self.add_prefix("q"), "") if self.is_bound else "")

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("from"), cleaned.get("to")
        if first and last and first > last:
            # add_error() also leaves the date out of cleaned_data.
            self.add_error("to", "The “to” date is before the “from” date.")
        return cleaned

    def filters(self):
        """The valid filters, for the view: (section or None, first day, last day)."""
        # An invalid field is left out of cleaned_data (and shown with its error); the
        # others still apply.
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        section = self.sections.get(cleaned.get("section") or "")
        return section, cleaned.get("from"), cleaned.get("to")


class FocalPointForm:
    """For a ModelForm with focal point fields: a form posted without them (an older tab, a
    script) keeps the point already stored instead of failing."""

    focus_fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.focus_fields:
            if name in self.fields:
                self.fields[name].required = False
                self.fields[name].widget.attrs.update({"step": "0.01", "min": "0", "max": "1"})

    def clean(self):
        cleaned = super().clean()
        for name in self.focus_fields:
            if name in self.fields and cleaned.get(name) is None and name not in self.errors:
                cleaned[name] = getattr(self.instance, name)
        return cleaned


class StoryDeskForm(FocalPointForm, forms.ModelForm):
    """The editors' story form. A change form carries the version it was opened at and refuses
    a save made on a stale copy (articles/edit_conflicts.py), and a form shown again with an
    error says plainly that a chosen lead image must be chosen again: browsers never send a
    file twice, and a re-shown form cannot hold one."""

    # The admin makes the form for Article with the fields of ArticleAdmin's fieldsets.
    focus_fields = ("lead_image_focus_x", "lead_image_focus_y")
    opened_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        if self.instance.pk:
            self.fields["opened_version"].initial = OpenedVersion.of(self.instance).token()

    def clean(self):
        cleaned = super().clean()
        # A form posted without a version (a tab opened before versions existed) is let through.
        opened = OpenedVersion.parse(self.data.get(self.add_prefix("opened_version"), ""))
        if self.instance.pk and opened is not None:
            self.conflict = find_conflict(self.instance.pk, opened)
        if self.conflict:
            self.add_error(None, conflict_messages(self.conflict))
            # Shown again, the form carries the version saved now: saving it again is the
            # editor's informed choice to put their text over what they have just been shown.
            self.data = self.data.copy()
            current = OpenedVersion.of(self.conflict.current).token()
            self.data[self.add_prefix("opened_version")] = current
        return cleaned

    def full_clean(self):
        super().full_clean()
        upload = self.files.get(self.add_prefix("lead_image")) if self.is_bound else None
        if self.errors and upload:
            self.add_error(
                "lead_image",
                gettext(
                    "The picture you chose (%(name)s) was not kept, because the story could "
                    "not be saved: choose it again before saving."
                )
                % {"name": upload.name},
            )


def conflict_messages(conflict):
    """What an editor whose save was refused is told, most important first."""
    when = formats.date_format(timezone.localtime(conflict.last_saved_at), "DATETIME_FORMAT")
    fields = ", ".join(changed.label for changed in conflict.changed)
    if conflict.editors:
        summary = gettext(
            "Not saved: %(editors)s saved this story on %(time)s, after you opened it. "
            "Changed since then: %(fields)s."
        ) % {"editors": ", ".join(conflict.editors), "time": when, "fields": fields}
    else:
        summary = gettext(
            "Not saved: this story was changed on %(time)s, after you opened it. "
            "Changed since then: %(fields)s."
        ) % {"time": when, "fields": fields}
    advice = gettext(
        "Your text is still in the form below. Compare it with the saved values listed here, "
        "then save again to replace them with yours, or reload the page to start from the "
        "saved story."
    )
    return [summary, advice]
