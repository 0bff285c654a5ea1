"""Comments on a production machine: gunicorn workers sharing the rate limit in the database,
and a worker killed in the middle of a burst of posts losing or doubling no accepted comment.

Runs on a SQLite file, or on a fresh PostgreSQL database when the suite runs on PostgreSQL.
"""

import json
import os
import re
import signal
import threading
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from tests.html import assert_has_element
from tests.production_servers import SITE_WORKERS, STORY_PATH, wait_until

BURST_POSTS = 90
BURST_THREADS = 8
DUMP_COMMENTS = """
import json
from comments.models import Comment
print(json.dumps(list(Comment.objects.values(
    "id", "text", "text_html", "name", "email", "status", "article_id", "parent_id", "thread_id"
))))
"""


def stored_comments(site):
    output = site.manage("shell", "-v", "0", "-c", DUMP_COMMENTS).stdout
    return json.loads(output.strip().splitlines()[-1])


class Reader:
    """One reader's browser: loads the story once, then posts through its comment form."""

    def __init__(self, site, address):
        self.client = site.client(client_address=address)
        page = self.client.get(STORY_PATH)
        assert page.status == 200
        self.form_token = assert_has_element(page.text, "input", name="token")["value"]
        form = assert_has_element(page.text, "form", action=re.compile(r"[^#]+#comment-errors"))
        self.post_url = form["action"].removesuffix("#comment-errors")

    def post(self, text, email="reader@example.net", address=None):
        headers = {"X-Forwarded-For": address} if address else {}
        return self.client.post(
            self.post_url,
            {
                "token": self.form_token,
                "text": text,
                "name": "Burst Reader",
                "email": email,
                "website": "",
                "parent": "",
                "subject": "",
            },
            headers=headers,
        )


def test_the_rate_limit_is_shared_by_every_worker_through_the_database(production_site):
    reader = Reader(production_site, "198.51.100.77")
    statuses = [reader.post(f"Rate limit check {number}").status for number in range(4)]

    # Three workers, one count: the fourth post is refused whichever worker takes it.
    assert statuses == [302, 302, 302, 429]
    texts = [comment["text"] for comment in stored_comments(production_site)]
    assert [text for text in texts if text.startswith("Rate limit check")] == [
        "Rate limit check 0",
        "Rate limit check 1",
        "Rate limit check 2",
    ]

    other_reader = Reader(production_site, "198.51.100.78")
    assert other_reader.post("Rate limit check, another reader").status == 302


def test_killing_a_worker_mid_burst_loses_or_doubles_no_accepted_comment(production_site):
    run = uuid.uuid4().hex[:8]
    texts = [f"Burst {run} comment {number}" for number in range(BURST_POSTS)]
    outcomes = {}
    answered = threading.Semaphore(0)
    killed = []

    def post_share(share):
        reader = Reader(production_site, "192.0.2.1")
        for number in range(share, BURST_POSTS, BURST_THREADS):
            text = texts[number]
            try:
                # Each post from its own address, so the rate limit stays out of the way.
                response = reader.post(
                    text, email=f"burst-{run}-{number}@x.test", address=f"10.1.{number}.9"
                )
                outcomes[text] = response.status
            except OSError as error:  # the worker died holding this request
                outcomes[text] = type(error).__name__
            answered.release()

    def kill_a_worker_a_third_of_the_way_in():
        for _ in range(BURST_POSTS // 3):
            if not answered.acquire(timeout=60):
                return
        victim = production_site.worker_pids()[0]
        os.kill(victim, signal.SIGKILL)
        killed.append(victim)

    killer = threading.Thread(target=kill_a_worker_a_third_of_the_way_in)
    killer.start()
    with ThreadPoolExecutor(max_workers=BURST_THREADS) as pool:
        list(pool.map(post_share, range(BURST_THREADS)))
    killer.join()

    assert killed, "a worker should have been killed during the burst"
    stored = [
        comment
        for comment in stored_comments(production_site)
        if f"Burst {run} " in comment["text"]
    ]
    copies = Counter(comment["text"] for comment in stored)
    accepted = [text for text, outcome in outcomes.items() if outcome == 302]
    unanswered = [text for text, outcome in outcomes.items() if not isinstance(outcome, int)]
    refused = [text for text in texts if text not in accepted and text not in unanswered]

    assert len(accepted) >= BURST_POSTS // 2
    assert all(copies[text] == 1 for text in accepted), "an accepted comment is stored once"
    assert all(copies[text] <= 1 for text in unanswered), "a lost answer never means two rows"
    assert all(copies[text] == 0 for text in refused), "a refused post leaves nothing behind"
    for comment in stored:
        # Whole rows only: every field the form filled and every derived one is there.
        assert comment["name"] == "Burst Reader"
        assert comment["email"].startswith(f"burst-{run}-")
        assert comment["text"] in comment["text_html"]
        assert comment["status"] in ("approved", "pending")
        assert comment["parent_id"] is None and comment["thread_id"] is None

    # The master replaced the killed worker and the site still answers.
    wait_until(
        lambda: (
            len(production_site.worker_pids()) == SITE_WORKERS
            and killed[0] not in production_site.worker_pids()
        ),
        "gunicorn to replace the killed worker",
    )
    assert production_site.client().get("/healthz").status == 200
