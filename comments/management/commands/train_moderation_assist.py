"""Retrain the moderation assist model on the site's own decisions and say how well it ranks.

Run it after a batch of moderation (weekly from cron, say). It measures the model on a
held-out share of the decisions, then saves one trained on all of them to
COMMENTS_ASSIST_MODEL_PATH; the admin's queue is rescored the next time an editor opens it.
See comments/assist.py and comments/assist_training.py.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from comments import assist_training


class Command(BaseCommand):
    help = "Train the model that orders the comment moderation queue, and report how it ranks."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Measure only; save no model.")

    def handle(self, *args, dry_run=False, **options):
        texts, labels = assist_training.decided_examples()
        rejected = sum(labels)
        self.stdout.write(
            f"{len(labels)} decided comments: {len(labels) - rejected} approved, "
            f"{rejected} spam or removed."
        )
        try:
            measured = assist_training.measure(texts, labels)
        except ValueError as error:
            raise CommandError(f"Not enough decisions to train on: {error}.") from None
        self.stdout.write(
            f"Held out {measured.held_out} ({measured.rejected_held_out} rejected), "
            f"trained on {measured.trained_on}."
        )
        self.stdout.write(f"ROC AUC on the held-out set: {measured.roc_auc:.3f}")
        for k, share in measured.precision_at.items():
            self.stdout.write(f"Precision at top {k}: {share:.2f}")
        if dry_run:
            self.stdout.write("Dry run: no model saved.")
            return
        path = settings.COMMENTS_ASSIST_MODEL_PATH
        assist_training.save(assist_training.fit(texts, labels), path)
        self.stdout.write(
            self.style.SUCCESS(f"Model trained on all {len(labels)} saved to {path}.")
        )
