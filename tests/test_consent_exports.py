"""A consent log too long to download at once is written in the background and downloaded
when ready (consent/exports.py)."""

import csv
import io
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from consent.models import Action, ConsentExport
from tests.factories import ConsentRecordFactory, UserFactory

pytestmark = pytest.mark.django_db

EXPORT = "/admin/consent/consentrecord/export.csv"


@pytest.fixture
def two_at_once(monkeypatch, settings, tmp_path):
    monkeypatch.setattr("consent.exports.DIRECT_EXPORT_LIMIT", 2)
    monkeypatch.setattr("consent.export_admin.DIRECT_EXPORT_LIMIT", 2)
    settings.CONSENT_EXPORT_ROOT = tmp_path


def downloaded_rows(client, export):
    response = client.get(f"/admin/consent/consentexport/{export.pk}/download/")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    content = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(content)))


def test_a_long_log_is_written_in_the_background_with_the_lists_filters(staff_client, two_at_once):
    accepted = [ConsentRecordFactory(action=Action.ACCEPT_ALL) for _ in range(3)]
    ConsentRecordFactory(action=Action.REJECT_ALL)
    asked = staff_client.get(EXPORT, {"action__exact": "accept_all"})
    assert asked.status_code == 200
    assert "too many to download at once" in asked.content.decode()
    assert not ConsentExport.objects.exists()  # asking is not yet ordering

    ordered = staff_client.post(EXPORT, {"filters": "action__exact=accept_all"})
    assert ordered.status_code == 302
    export = ConsentExport.objects.get()
    assert export.status == ConsentExport.Status.WAITING
    listing = staff_client.get(ordered["Location"]).content.decode()
    assert "The export is being written" in listing

    out = StringIO()
    call_command("run_consent_exports", "--once", stdout=out)
    assert "Wrote 1 consent log export(s)." in out.getvalue()
    export.refresh_from_db()
    assert export.status == ConsentExport.Status.READY and export.rows == 3
    header, *rows = downloaded_rows(staff_client, export)
    assert header[:3] == ["time", "consent id", "action"]
    assert sorted(row[1] for row in rows) == sorted(str(r.visitor_id) for r in accepted)
    assert "Download CSV" in staff_client.get("/admin/consent/consentexport/").content.decode()


def test_a_short_log_still_downloads_at_once(staff_client, two_at_once):
    ConsentRecordFactory.create_batch(2)
    response = staff_client.get(EXPORT)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert not ConsentExport.objects.exists()


def test_only_editors_who_may_read_the_log_download_an_export(staff_client, two_at_once):
    ConsentRecordFactory.create_batch(3)
    staff_client.post(EXPORT, {"filters": ""})
    call_command("run_consent_exports", "--once", stdout=StringIO())
    export = ConsentExport.objects.get()
    assert len(downloaded_rows(staff_client, export)) == 4
    reader = Client()
    reader.force_login(UserFactory())
    address = f"/admin/consent/consentexport/{export.pk}/download/"
    assert reader.get(address).status_code == 302
    assert Client().get(address).status_code == 302


def test_an_export_for_an_editor_no_longer_on_staff_fails_with_the_reason(two_at_once):
    editor = UserFactory(is_staff=False)
    export = ConsentExport.objects.create(requested_by=editor)
    call_command("run_consent_exports", "--once", stdout=StringIO())
    export.refresh_from_db()
    assert export.status == ConsentExport.Status.FAILED
    assert "can no longer see the log" in export.error
    assert not export.file
