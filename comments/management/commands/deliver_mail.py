"""Send the mail waiting in the outbox (comments/outbox.py), now and then forever.

Run it beside the web servers (one or several: they never send the same mail twice), or from
cron with `--once`. `make run` starts it in the background, printing mail to the console.
"""

import time

from django.core.management.base import BaseCommand

from comments.outbox import deliver_due


class Command(BaseCommand):
    help = "Deliver the mail in the outbox, retrying failures with a growing pause."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Deliver what is due now, then exit."
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=5.0,
            help="Seconds to wait between looks at the outbox (default 5).",
        )

    def handle(self, *args, once=False, interval=5.0, **options):
        while True:
            sent, failed = deliver_due()
            if sent or failed or once:
                self.stdout.write(f"Sent {sent} mail(s); {failed} failed and will be retried.")
            if once:
                return
            try:
                time.sleep(max(interval, 0.1))
            except KeyboardInterrupt:
                return
