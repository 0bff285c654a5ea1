"""Admin widgets that name every input they draw, so screen readers (and axe-core) can tell
editors what each box is for."""

from django.contrib.admin.widgets import AdminSplitDateTime
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext


class LabelledSplitDateTime(AdminSplitDateTime):
    """Django's date box and time box for one field. The field's <label> can point at only one
    input, and Django's "Date:" and "Time:" are plain text, so each input carries its own name:
    "Published at: date", "Published at: time"."""

    def __init__(self, field_label, attrs=None):
        self.field_label = field_label
        super().__init__(attrs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        parts = [gettext("date"), gettext("time")]
        for subwidget, part in zip(context["widget"]["subwidgets"], parts, strict=True):
            subwidget["attrs"]["aria-label"] = f"{capfirst(self.field_label)}: {part}"
        return context


class LabelledDateTimesMixin:
    """For a ModelAdmin or inline: every date-and-time field gets LabelledSplitDateTime."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.DateTimeField):
            kwargs["widget"] = LabelledSplitDateTime(db_field.verbose_name)
        return super().formfield_for_dbfield(db_field, request, **kwargs)
