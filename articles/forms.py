"""The search form: what a reader may ask for, and what they are told when a part is odd.

A bad filter (an unknown section, a date that is not one) is reported next to its field and
left out; the rest of the search still runs. Nothing a reader sends is refused outright: the
query is tidied and cut to length (see search_syntax.py) and said to be so.
"""

from datetime import date

from django import forms

from newsroom.templating import READER_FORMS

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


class DayField(forms.DateField):
    widget = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})

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
        label="Search for",
        required=False,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "maxlength": MAX_QUERY_LENGTH,
                "aria-describedby": "search-help",
            }
        ),
    )
    section = forms.ChoiceField(label="Section", required=False)

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = {section.slug: section for section in sections}
        self.fields["section"].choices = [("", "All sections")] + [
            (section.slug, section.name) for section in sections
        ]
        self.fields["section"].error_messages["invalid_choice"] = (
            "There is no section called “%(value)s”; showing every section."
        )
        # "from" is a Python keyword, so these two cannot be declared as class attributes.
        self.fields["from"] = DayField(label="From")
        self.fields["to"] = DayField(label="To")
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
