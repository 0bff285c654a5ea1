"""Names for the inputs the admin draws in table rows: the editable columns of a change list
(`list_editable`) and the cells of a tabular inline.

There a column's heading is the only label, and a heading labels no input, so screen readers
(and axe-core) met dozens of unnamed boxes and selects. Each visible input now carries its
column and its row: "Position: Politics", "Delete: _ga"; a row not yet saved has only the
column, as its row has no name yet.
"""

from django.contrib import admin
from django.forms.models import BaseInlineFormSet, BaseModelFormSet
from django.utils.text import capfirst


class NamedRowsMixin:
    """For a model formset whose forms are rows of a table."""

    def add_fields(self, form, index):
        super().add_fields(form, index)  # adds the ordering and DELETE boxes
        row = str(form.instance) if form.instance.pk is not None else ""
        for name, field in form.fields.items():
            if field.widget.is_hidden:
                continue
            column = capfirst(field.label or name)
            field.widget.attrs.setdefault("aria-label", f"{column}: {row}" if row else column)


class NamedRowsModelFormSet(NamedRowsMixin, BaseModelFormSet):
    pass


class NamedRowsInlineFormSet(NamedRowsMixin, BaseInlineFormSet):
    pass


class NamedEditableColumnsMixin:
    """For a ModelAdmin with `list_editable`: each editable cell is named by column and row."""

    def get_changelist_formset(self, request, **kwargs):
        kwargs.setdefault("formset", NamedRowsModelFormSet)
        return super().get_changelist_formset(request, **kwargs)


class NamedTabularInline(admin.TabularInline):
    """A tabular inline whose cells are named by column and row."""

    formset = NamedRowsInlineFormSet
