"""Send the mail waiting in the outbox (comments/outbox.py), now and then forever.

Run it beside the web servers (one or several: they never send the same mail twice), or from
cron with `--once`. `make run` starts it in the background, printing mail to the console.
"""

from comments.outbox import deliver_due
from newsroom.repeating import RepeatingCommand


class Command(RepeatingCommand):
    help = "Deliver the mail in the outbox, retrying failures with a growing pause."
    round_help = "Deliver what is due now"
    nothing_done = "Sent 0 mail(s); 0 failed and will be retried."

    def run_round(self):
        sent, failed = deliver_due()
        if sent or failed:
            return f"Sent {sent} mail(s); {failed} failed and will be retried."
        return ""
