from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from consent.models import ConsentRecord
from tests.factories import ConsentRecordFactory

pytestmark = pytest.mark.django_db


def record_aged(days):
    return ConsentRecordFactory(created_at=timezone.now() - timedelta(days=days))


def prune(*args):
    out, err = StringIO(), StringIO()
    call_command("prune_consent_log", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_prune_deletes_records_older_than_the_retention_period(settings):
    settings.CONSENT_LOG_RETENTION_DAYS = 400
    kept, old = record_aged(399), record_aged(401)
    out, _ = prune()
    assert "Deleted 1 consent records older than 400 days in 1 batches." in out
    assert list(ConsentRecord.objects.all()) == [kept]
    assert not ConsentRecord.objects.filter(pk=old.pk).exists()


def test_prune_never_deletes_the_proof_of_a_consent_still_in_force(settings):
    settings.CONSENT_MAX_AGE_DAYS = 182
    live = record_aged(182)
    _, err = prune("--days", "30")
    assert "Keeping 183 days, not 30" in err
    assert ConsentRecord.objects.filter(pk=live.pk).exists()


def test_prune_dry_run_only_counts(settings):
    settings.CONSENT_LOG_RETENTION_DAYS = 400
    record_aged(500)
    out, _ = prune("--dry-run")
    assert "1 consent records older than 400 days." in out
    assert ConsentRecord.objects.count() == 1


def test_prune_deletes_in_batches_of_short_transactions(settings, django_assert_num_queries):
    settings.CONSENT_LOG_RETENTION_DAYS = 400
    old = [record_aged(401 + number) for number in range(5)]
    kept = record_aged(10)
    # Four reads of ids (the last finds none) and three deletes.
    with django_assert_num_queries(7) as queries:
        out, _ = prune("--batch-size", "2")
    assert "Deleted 5 consent records older than 400 days in 3 batches." in out
    deletes = [
        query["sql"] for query in queries.captured_queries if query["sql"].startswith("DELETE")
    ]
    assert len(deletes) == 3
    assert list(ConsentRecord.objects.all()) == [kept]
    assert not ConsentRecord.objects.filter(pk__in=[record.pk for record in old]).exists()
