"""What a story's revision keeps, and how two revisions compare for an editor.

Every save of a story in the admin keeps a revision with django-reversion (who, when, every
field but the search index, which is derived from the rest: articles/admin_revisions.py). Two
revisions are compared field by field: the headline, the standfirst and the body (as text, its
markup dropped) word by word with insertions and deletions marked; every other field as its old
value and its new one, in the words the change form uses.
"""

import html
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.formats import localize
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.timezone import template_localtime
from django.utils.translation import gettext

from .models import Article, Category

# Derived from the other fields and rebuilt on every save: not worth a revision's space.
NOT_KEPT = ("search_vector",)

# Compared word by word; the others old -> new.
TEXT_FIELDS = ("headline", "standfirst", "body")

# What an editor sets, in the change form's order. The rest (created and updated times, the
# picture's measurements) follow from these or from the save itself.
COMPARED_FIELDS = (
    "headline", "slug", "standfirst", "body", "language", "category", "author", "status",
    "published_at", "lead_image", "lead_image_alt", "lead_image_focus_x", "lead_image_focus_y",
    "comments_open",
)  # fmt: skip

# Where a block of the body ends, a paragraph break in its text.
BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|figcaption|tr|table|ul|ol)>|<br\s*/?>", re.I)
PARAGRAPH_BREAK = "\n\n"


@dataclass
class Segment:
    """A run of words: "equal", "insert" or "delete"."""

    kind: str
    text: str


@dataclass
class FieldChange:
    name: str
    label: str
    segments: list[Segment] = field(default_factory=list)
    old: str = ""
    new: str = ""

    @property
    def is_text(self):
        return bool(self.segments)


def compare(old_fields, new_fields):
    """The changes between two revisions' `field_dict`s, one FieldChange per changed field."""
    changes = []
    for name in COMPARED_FIELDS:
        model_field = Article._meta.get_field(name)
        attname = model_field.attname
        old, new = old_fields.get(attname), new_fields.get(attname)
        if old == new:
            continue
        label = capfirst(model_field.verbose_name)
        if name in TEXT_FIELDS:
            old_text, new_text = as_text(name, old), as_text(name, new)
            changes.append(FieldChange(name, label, segments=word_diff(old_text, new_text)))
        else:
            changes.append(
                FieldChange(name, label, old=readable(name, old), new=readable(name, new))
            )
    return changes


def as_text(name, value):
    """A text field's value as an editor reads it: the body without its markup."""
    value = value or ""
    if name != "body":
        return value
    text = html.unescape(strip_tags(BLOCK_END.sub(lambda end: end.group(0) + "\n\n", value)))
    paragraphs = (" ".join(block.split()) for block in re.split(r"\n\s*\n", text))
    return PARAGRAPH_BREAK.join(paragraph for paragraph in paragraphs if paragraph)


def word_diff(old, new):
    """`old` turned into `new` as runs of equal, deleted and inserted words (paragraph breaks
    count as words, so a new paragraph shows where it starts)."""
    old_words, new_words = _words(old), _words(new)
    segments = []
    matcher = SequenceMatcher(None, old_words, new_words, autojunk=False)
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag in ("delete", "replace"):
            segments.append(Segment("delete", _joined(old_words[old_start:old_end])))
        if tag in ("insert", "replace"):
            segments.append(Segment("insert", _joined(new_words[new_start:new_end])))
        if tag == "equal":
            segments.append(Segment("equal", _joined(old_words[old_start:old_end])))
    return segments


def _words(text):
    return re.findall(r"\n\n|\S+", text)


def _joined(words):
    return " ".join(words).replace(" \n\n ", "\n\n")


def readable(name, value):
    """A field's value in the words of the change form."""
    if value is None or value == "":
        return gettext("(empty)")
    if name == "category":
        return str(Category.objects.filter(pk=value).first() or value)
    if name == "author":
        user = get_user_model().objects.filter(pk=value).first()
        return (user.get_full_name() or user.get_username()) if user else str(value)
    if name == "status":
        return str(Article.Status(value).label)
    if name == "language":
        return str(dict(settings.LANGUAGES).get(value, value))
    if name == "comments_open":
        return gettext("yes") if value else gettext("no")
    if name == "published_at":
        return localize(template_localtime(value))
    return str(value)
