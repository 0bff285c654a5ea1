"""The consent log's housekeeping at size (issue 32, target 5): the whole log exported in the
background, and old records pruned while visitors keep recording decisions.

Each job runs as the site runs it, a `manage.py` command in a process of its own, so its peak
memory is its own; this process meanwhile does what visitors do and times it.
"""

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
# The data set spreads its consent records over the last 180 days (fill.py); with consents
# lasting 30 days, records older than 150 days (a sixth of them) are the prune's to delete.
CONSENT_DAYS = 30
KEEP_DAYS = 150


def _command(*arguments, environment=None):
    """Run `manage.py` with `arguments` and wait for it.
    Returns (seconds, its output, its peak memory in MB)."""
    started = time.monotonic()
    with tempfile.TemporaryFile(mode="w+") as output:
        process = subprocess.Popen(
            [sys.executable, "manage.py", *arguments],
            cwd=PROJECT,
            env={**os.environ, **(environment or {})},
            stdout=output,
            stderr=subprocess.STDOUT,
            text=True,
        )
        # wait4, not wait(): it gives this one process's resource use.
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        said = output.read().strip()
    if process.returncode:
        raise RuntimeError(f"manage.py {' '.join(arguments)} failed: {said}")
    return time.monotonic() - started, said, usage.ru_maxrss / 1024


def export_whole_log(editor):
    """Ask for an export of the whole consent log as `editor` and let the export worker write
    it. Returns (seconds, records written, the worker's peak memory in MB)."""
    from consent.exports import request_export

    export = request_export(editor, "")
    seconds, _, peak = _command("run_consent_exports", "--once")
    export.refresh_from_db()
    if export.status != export.Status.READY:
        raise RuntimeError(f"the export did not finish: {export.status} {export.error}")
    rows = export.rows
    # Nothing left behind: the next size empties the tables, and the editor with them.
    export.file.delete()
    export.delete()
    return seconds, rows, peak


def prune_while_recording():
    """Prune the consent log down to KEEP_DAYS while a visitor's decision is recorded every
    0.1 s. Returns {seconds, old: records it had to delete, left: old records it left,
    longest_record_seconds}."""
    from django.db import connections

    from consent.models import ConsentRecord

    old = ConsentRecord.objects.older_than(KEEP_DAYS)
    count = old.count()
    template = ConsentRecord.objects.order_by("-pk").first()
    done, waits = threading.Event(), []

    def visitor():
        while not done.is_set():
            started = time.monotonic()
            template.pk, template._state.adding = None, True  # a new record like the last
            template.save()
            waits.append(time.monotonic() - started)
            time.sleep(0.1)
        connections.close_all()

    recording = threading.Thread(target=visitor)
    recording.start()
    try:
        seconds, _, _ = _command(
            "prune_consent_log",
            "--days",
            str(KEEP_DAYS),
            environment={"CONSENT_MAX_AGE_DAYS": str(CONSENT_DAYS)},
        )
    finally:
        done.set()
        recording.join()
    return {
        "seconds": seconds,
        "old": count,
        "left": old.count(),
        "longest_record_seconds": max(waits, default=0),
    }
