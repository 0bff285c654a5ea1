"""Consent log exports written in the background, for logs too long to stream in a request.

At about 17 s per million records, a 10-million-record log outlives any web server's request
timeout (gunicorn killed it at 57% of 2 million). The admin's export link streams a log of up to
DIRECT_EXPORT_LIMIT records at once; for a longer one the editor asks for an export, which
`manage.py run_consent_exports` (beside `deliver_mail`) writes to private storage in constant
memory, and the editor downloads it from *Consent log exports* when it is ready.
"""

import csv
import io
import tempfile

from django.contrib import admin
from django.core.files import File
from django.db import transaction
from django.http import QueryDict
from django.test import RequestFactory
from django.utils import timezone

from .catalogue import get_catalogue
from .export import csv_rows, export_filename
from .models import ConsentExport, ConsentRecord

DIRECT_EXPORT_LIMIT = 10_000


def fits_one_request(records):
    """Whether `records` are few enough to stream now (counted no further than the limit)."""
    return records[: DIRECT_EXPORT_LIMIT + 1].count() <= DIRECT_EXPORT_LIMIT


def request_export(user, filters):
    return ConsentExport.objects.create(requested_by=user, filters=filters)


def _records_for(export):
    """The records the consent log list showed the editor with the export's filters, through
    the admin's own change list, so an export holds exactly what the list showed."""
    request = RequestFactory().get("/", QueryDict(export.filters))
    request.user = export.requested_by
    model_admin = admin.site.get_model_admin(ConsentRecord)
    return model_admin.get_changelist_instance(request).get_queryset(request)


def _take_next():
    with transaction.atomic():
        waiting = ConsentExport.objects.filter(status=ConsentExport.Status.WAITING)
        # Several workers may run: each export is taken by one.
        export = waiting.select_for_update(skip_locked=True, of=("self",)).order_by("pk").first()
        if export is not None:
            export.status = ConsentExport.Status.RUNNING
            export.save(update_fields=["status"])
    return export


def write(export):
    """Write `export`'s CSV to its storage; mark it ready, or failed with the reason."""
    slugs = [category.slug for category in get_catalogue().categories]
    try:
        if export.requested_by is None or not export.requested_by.is_staff:
            raise PermissionError("the editor who asked for it can no longer see the log")
        rows = 0
        with tempfile.TemporaryFile() as spool:
            text = io.TextIOWrapper(spool, encoding="utf-8", newline="")
            writer = csv.writer(text)
            for row in csv_rows(_records_for(export), slugs):
                writer.writerow(row)
                rows += 1
            text.flush()
            spool.seek(0)
            export.file.save(export_filename(), File(spool), save=False)
            text.detach()
    except Exception as error:  # noqa: BLE001 - any failure is the editor's to read
        export.status, export.error = ConsentExport.Status.FAILED, str(error)[:500]
    else:
        export.status, export.rows = ConsentExport.Status.READY, rows - 1
    export.finished_at = timezone.now()
    export.save()
    return export


def run_waiting():
    """Write every waiting export, oldest first; return how many were written."""
    done = 0
    while (export := _take_next()) is not None:
        write(export)
        done += 1
    return done
