"""Held reasons stored as English sentences become codes (comments/held_reasons.py).

Self-contained on purpose: the sentences and the stored format are copied here as they were
when this migration was written, so a later change to held_reasons.py cannot change what it
does. A sentence nobody wrote in code (typed by hand) is kept whole as `other:text=...`.
"""

import re
from urllib.parse import parse_qsl, quote, urlencode

from django.db import migrations

SEPARATOR = "; "
MAX_LENGTH = 300

# (code, the English sentence as a pattern whose groups are the code's details)
SENTENCES = [
    ("blocked_word", r"blocked word “(?P<phrase>.+)”"),
    ("too_many_links", r"too many links \((?P<links>\d+), limit (?P<limit>\d+)\)"),
    (
        "rate_limit",
        r"rate limit \((?P<count>\d+) comments from this client in (?P<minutes>\d+) min\)",
    ),
    ("hold_all", r"every comment is held \(COMMENTS_HOLD_ALL\)"),
    ("first_comment", r"first comment from this email"),
    ("repeats", r"same author and text as comment (?P<pk>\d+), sent from another browser"),
    ("unconfirmed", r"address not yet confirmed from the poster's browser \(link mailed\)"),
    ("edited", r"edited after posting"),
    ("edit_added_links", r"edit added links \((?P<before>\d+) before, (?P<after>\d+) after\)"),
    ("deleted_by_author", r"deleted by its author"),
]
PATTERNS = [(code, re.compile(f"^{pattern}$")) for code, pattern in SENTENCES]
ENGLISH = {
    "blocked_word": "blocked word “{phrase}”",
    "too_many_links": "too many links ({links}, limit {limit})",
    "rate_limit": "rate limit ({count} comments from this client in {minutes} min)",
    "hold_all": "every comment is held (COMMENTS_HOLD_ALL)",
    "first_comment": "first comment from this email",
    "repeats": "same author and text as comment {pk}, sent from another browser",
    "unconfirmed": "address not yet confirmed from the poster's browser (link mailed)",
    "edited": "edited after posting",
    "edit_added_links": "edit added links ({before} before, {after} after)",
    "deleted_by_author": "deleted by its author",
    "other": "{text}",
}


def _encode(code, details):
    return f"{code}:{urlencode(details, quote_via=quote, safe='')}" if details else code


def _join(reasons):
    stored = ""
    for one in reasons:
        longer = f"{stored}{SEPARATOR}{one}" if stored else one
        if len(longer) > MAX_LENGTH:
            break
        stored = longer
    return stored


def sentence_to_code(sentence):
    code, colon, _details = sentence.partition(":")
    if code in ENGLISH and (colon or code != "other"):
        return sentence  # a code already
    for code, pattern in PATTERNS:
        match = pattern.match(sentence)
        if match:
            return _encode(code, match.groupdict())
    return _encode("other", {"text": sentence})


def sentences_to_codes(value):
    """The coded form of a held_reason written as English sentences joined by "; "."""
    return _join(sentence_to_code(one) for one in value.split(SEPARATOR) if one)


def codes_to_sentences(value):
    """The English sentences for a coded held_reason (to undo the migration)."""
    sentences = []
    for one in value.split(SEPARATOR):
        code, _colon, details = one.partition(":")
        template = ENGLISH.get(code)
        try:
            sentences.append(template.format(**dict(parse_qsl(details))) if template else one)
        except KeyError:
            sentences.append(one)
    return SEPARATOR.join(sentence for sentence in sentences if sentence)[:MAX_LENGTH]


def _convert(apps, convert):
    Comment = apps.get_model("comments", "Comment")
    changed = []
    for comment in Comment.objects.exclude(held_reason="").only("pk", "held_reason").iterator():
        value = convert(comment.held_reason)
        if value != comment.held_reason:
            comment.held_reason = value
            changed.append(comment)
    Comment.objects.bulk_update(changed, ["held_reason"], batch_size=500)


def forwards(apps, schema_editor):
    _convert(apps, sentences_to_codes)


def backwards(apps, schema_editor):
    _convert(apps, codes_to_sentences)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0009_people_and_assist"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
