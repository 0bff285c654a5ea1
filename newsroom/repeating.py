"""A management command that does one round of background work now and then, forever (or
once, for cron): the outbox worker and the consent export worker share this loop."""

import time

from django.core.management.base import BaseCommand


class RepeatingCommand(BaseCommand):
    #: Seconds between rounds unless --interval says otherwise.
    default_interval = 5.0
    #: What one round does, for --help: "Deliver what is due now".
    round_help = "Do the work that waits"
    #: What --once prints when the round found nothing to do.
    nothing_done = "Nothing to do."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help=f"{self.round_help}, then exit.")
        parser.add_argument(
            "--interval",
            type=float,
            default=self.default_interval,
            help=f"Seconds to wait between rounds (default {self.default_interval:g}).",
        )

    def handle(self, *args, once=False, interval=None, **options):
        interval = self.default_interval if interval is None else interval
        while True:
            report = self.run_round()
            if report or once:
                self.stdout.write(report or self.nothing_done)
            if once:
                return
            try:
                time.sleep(max(interval, 0.1))
            except KeyboardInterrupt:
                return

    def run_round(self):
        """Do one round; return what to print, or "" if nothing was done."""
        raise NotImplementedError
