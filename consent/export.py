"""The consent log as CSV, for auditors and data-protection requests.

Streams row by row, so exporting a large log never holds it all in memory. A log too long to
send within a web request's time is written in the background instead (consent/exports.py).
"""

import csv

from django.http import StreamingHttpResponse
from django.utils import timezone

# Spreadsheets run cells that start with these as formulas; a visitor controls the user agent
# and the page, so such cells are quoted as text.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    def write(self, value):
        return value


def _cell(value):
    text = str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def csv_rows(records, category_slugs):
    """The CSV's rows, header first, reading `records` a chunk at a time (on PostgreSQL
    through a server-side cursor: constant memory whatever the log's length)."""
    header = ["time", "consent id", "action", "policy version", "language", *category_slugs]
    yield [*header, "page", "user agent", "IP address hash"]
    for record in records.iterator(chunk_size=2000):
        choices = ["yes" if record.choices.get(slug) else "no" for slug in category_slugs]
        yield [
            record.created_at.isoformat(),
            record.visitor_id,
            record.action,
            record.policy_version,
            record.language,
            *choices,
            _cell(record.page),
            _cell(record.user_agent),
            record.ip_hash,
        ]


def export_filename():
    return f"consent-log-{timezone.now():%Y-%m-%d}.csv"


def consent_log_csv(records, category_slugs, filename=None):
    """A streaming CSV download of `records`, one column per category."""
    writer = csv.writer(_Echo())
    filename = filename or export_filename()
    return StreamingHttpResponse(
        (writer.writerow(row) for row in csv_rows(records, category_slugs)),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
