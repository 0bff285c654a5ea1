"""Delete consent log entries older than the retention period (CONSENT_LOG_RETENTION_DAYS).

The period is never allowed below the consent lifetime: a decision still in force always keeps
the log entry that proves it. Run it daily from cron or a scheduler.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from consent.models import ConsentRecord
from consent.policy import consent_max_age_days


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

    def handle(self, *args, days=None, dry_run=False, **options):
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
        deleted, _ = old.delete()
        self.stdout.write(f"Deleted {deleted} consent records older than {keep_days} days.")
