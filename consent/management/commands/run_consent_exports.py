"""Write the consent log exports editors asked for (consent/exports.py), now and then forever.

Run it beside the web servers, like `deliver_mail`, or from cron with `--once`.
"""

from consent.exports import run_waiting
from newsroom.repeating import RepeatingCommand


class Command(RepeatingCommand):
    help = "Write the consent log CSV exports editors asked for."
    round_help = "Write what waits"
    default_interval = 10.0
    nothing_done = "Wrote 0 consent log export(s)."

    def run_round(self):
        written = run_waiting()
        return f"Wrote {written} consent log export(s)." if written else ""
