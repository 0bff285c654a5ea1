"""Delete consent log entries older than the retention period (CONSENT_LOG_RETENTION_DAYS).

The period is never allowed below the consent lifetime: a decision still in force always keeps
the log entry that proves it. Run it daily from cron or a scheduler.

Records go in batches, each its own short transaction, oldest first: a first run over millions
of rows never holds a long lock or one huge transaction while pages keep logging decisions, and
an interrupted run has kept what it deleted.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from consent.models import ConsentRecord
from consent.policy import consent_max_age_days

BATCH_SIZE = 5000


class Command(BaseCommand):
    help = "Delete consent log entries older than CONSENT_LOG_RETENTION_DAYS."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            help="Keep this many days instead of the setting (raised to the consent lifetime "
            "if lower).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be deleted."
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=BATCH_SIZE,
            help=f"Records deleted per transaction (default {BATCH_SIZE}).",
        )

    def handle(self, *args, days=None, dry_run=False, batch_size=BATCH_SIZE, **options):
        requested = days if days is not None else settings.CONSENT_LOG_RETENTION_DAYS
        # One extra day: a record is written a moment before its cookie's lifetime starts.
        minimum = consent_max_age_days() + 1
        if requested < minimum:
            self.stderr.write(
                f"Keeping {minimum} days, not {requested}: consents given in that time are "
                "still in force and need their record."
            )
        keep_days = max(requested, minimum)
        old = ConsentRecord.objects.older_than(keep_days)
        if dry_run:
            self.stdout.write(f"{old.count()} consent records older than {keep_days} days.")
            return
        deleted = batches = 0
        while True:
            # Ids first, then a delete by primary key: the batch's rows are chosen through the
            # created_at index and locked only while their own DELETE runs.
            batch = list(old.order_by("pk").values_list("pk", flat=True)[: max(1, batch_size)])
            if not batch:
                break
            count, _ = ConsentRecord.objects.filter(pk__in=batch).delete()
            deleted, batches = deleted + count, batches + 1
        self.stdout.write(
            f"Deleted {deleted} consent records older than {keep_days} days in {batches} batches."
        )
