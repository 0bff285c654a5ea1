"""Write the consent log exports editors asked for (consent/exports.py), now and then forever.

Run it beside the web servers, like `deliver_mail`, or from cron with `--once`.
"""

import time

from django.core.management.base import BaseCommand

from consent.exports import run_waiting


class Command(BaseCommand):
    help = "Write the consent log CSV exports editors asked for."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Write what waits, then exit.")
        parser.add_argument(
            "--interval",
            type=float,
            default=10.0,
            help="Seconds to wait between looks for new requests (default 10).",
        )

    def handle(self, *args, once=False, interval=10.0, **options):
        while True:
            written = run_waiting()
            if written or once:
                self.stdout.write(f"Wrote {written} consent log export(s).")
            if once:
                return
            try:
                time.sleep(max(interval, 0.1))
            except KeyboardInterrupt:
                return
