"""No lost work: a story saved from a stale copy of its change form is refused, not overwritten.

The change form carries the version it was opened at (an OpenedVersion: the story's
`edit_version`, when the form was drawn, and a short digest of every editable field's value
then). A save whose version is no longer the story's would undo whatever was saved in between,
so the form refuses it and says what changed since: the fields whose saved value now differs
from what the editor opened, and who saved and when. The editor's own text stays in the form.

The comparison runs with the story's row locked (the admin saves inside a transaction), so two
saves in the same instant cannot both pass it.
"""

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import formats, timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext

from .models import Article

# What is shown of a changed field's saved value: enough to recognise it, not the whole body.
SHOWN_WORDS = 30
_BETWEEN_TAGS = re.compile(r">\s+<")


def editable_fields():
    return [f for f in Article._meta.concrete_fields if f.editable and not f.primary_key]


def _digest(article, model_field):
    value = model_field.value_from_object(article)
    if isinstance(value, datetime):
        # The form edits whole seconds: a time it saves has lost its microseconds, unchanged.
        value = value.replace(microsecond=0).isoformat()
    else:
        # Whitespace is not an editor's change: TinyMCE lays out a body it saves on new lines.
        value = _BETWEEN_TAGS.sub("><", " ".join(model_field.value_to_string(article).split()))
    return hashlib.sha256(str(value).encode()).hexdigest()[:12]


@dataclass(frozen=True)
class OpenedVersion:
    """The story as the editor opened it, small enough for a hidden form field."""

    version: int
    opened_at: datetime
    digests: dict = field(default_factory=dict)

    @classmethod
    def of(cls, article):
        digests = {f.name: _digest(article, f) for f in editable_fields()}
        return cls(article.edit_version, timezone.now(), digests)

    def token(self):
        return json.dumps(
            {"version": self.version, "opened": self.opened_at.isoformat(), "fields": self.digests}
        )

    @classmethod
    def parse(cls, token):
        """The version a token names, or None for anything that is not one."""
        try:
            data = json.loads(token)
            opened_at = datetime.fromisoformat(data["opened"])
            version, digests = int(data["version"]), dict(data["fields"])
        except (TypeError, ValueError, KeyError):
            return None
        if timezone.is_naive(opened_at):
            return None
        return cls(version, opened_at, {str(k): str(v) for k, v in digests.items()})


@dataclass(frozen=True)
class ChangedField:
    label: str
    saved_value: str


@dataclass(frozen=True)
class Save:
    editor: str
    at: datetime


@dataclass(frozen=True)
class Conflict:
    """What was saved since the editor opened the story."""

    current: Article
    changed: list  # ChangedField, in the form's order
    saves: list  # Save, oldest first; empty when the change came from outside the admin form

    @property
    def last_saved_at(self):
        return self.saves[-1].at if self.saves else self.current.updated_at

    @property
    def editors(self):
        return list(dict.fromkeys(save.editor for save in self.saves))


def find_conflict(article_pk, opened):
    """The Conflict if the story has been saved since `opened`, else None. Locks the story's row
    until the surrounding transaction ends, so the save that follows a None is not overtaken."""
    stories = Article.objects.all()
    if transaction.get_connection().in_atomic_block:
        # Only the story's row: its author may be null, and PostgreSQL locks no outer join.
        stories = stories.select_for_update(of=("self",))
    current = stories.select_related("category", "author").get(pk=article_pk)
    if current.edit_version == opened.version:
        return None
    changed = [
        ChangedField(str(capfirst(f.verbose_name)), _shown_value(current, f))
        for f in editable_fields()
        if opened.digests.get(f.name) != _digest(current, f)
    ]
    return Conflict(current, changed, _saves_since(current, opened.opened_at))


def _shown_value(article, model_field):
    if model_field.choices:
        return str(getattr(article, f"get_{model_field.name}_display")())
    if model_field.is_relation:
        return str(getattr(article, model_field.name))
    value = model_field.value_from_object(article)
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    return Truncator(strip_tags(str(value or ""))).words(SHOWN_WORDS)


def _saves_since(article, since):
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Article),
        object_id=str(article.pk),
        action_flag=CHANGE,
        action_time__gte=since,
    ).select_related("user")
    return [
        Save(entry.user.get_full_name() or entry.user.get_username(), entry.action_time)
        for entry in entries.order_by("action_time")
    ]
