"""Mail waits in the database outbox and `deliver_mail` sends it: through Django's in-memory
backend and through a real SMTP server started here, one that refuses before it accepts."""

import socket
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from comments import outbox
from comments.outbox import MAX_ATTEMPTS, OutgoingMail, deliver_due
from tests.factories import ArticleFactory, comment_form_data

pytestmark = pytest.mark.django_db


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


class MailServer:
    """An SMTP server on a free local port that refuses the first `refusals` messages (451,
    "try again later") and then accepts, keeping what it accepted."""

    def __init__(self, refusals=0):
        self.refusals = refusals
        self.received = []
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server: SMTP, session, envelope):
        if self.refusals > 0:
            self.refusals -= 1
            return "451 4.3.0 Try again later"
        self.received.append(envelope)
        return "250 OK"

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


@pytest.fixture
def smtp_settings(settings):
    def use(server):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_TIMEOUT = 5

    return use


def later(minutes):
    return timezone.now() + timedelta(minutes=minutes)


def test_posting_a_comment_only_queues_mail_and_never_talks_to_a_mail_server(client, settings):
    settings.EMAIL_BACKEND = "tests.test_comments_outbox.RefusingBackend"
    settings.COMMENTS_NOTIFY_EMAILS = ["desk@newsroom.test"]
    article = ArticleFactory()
    response = client.post(reverse("comments:post", args=[article.pk]), comment_form_data(article))
    assert response.status_code == 302
    # The confirmation link; editors hear of the comment once its address is confirmed.
    assert OutgoingMail.objects.filter(sent_at=None).count() == 1


def test_locmem_delivery_sends_each_mail_once(mailoutbox):
    outbox.enqueue("a@example.net", "Hello", "Body", purpose="test", headers={"X-Test": "1"})
    assert deliver_due() == (1, 0)
    assert deliver_due() == (0, 0)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["a@example.net"] and mailoutbox[0].extra_headers["X-Test"] == "1"
    assert OutgoingMail.objects.get().sent_at is not None


def test_a_refused_mail_is_kept_and_retried_later_with_a_growing_pause(settings, mailoutbox):
    settings.EMAIL_BACKEND = "tests.test_comments_outbox.RefusingBackend"
    outbox.enqueue("a@example.net", "Hello", "Body", purpose="test")
    assert deliver_due() == (0, 1)
    mail = OutgoingMail.objects.get()
    assert mail.attempts == 1 and mail.sent_at is None and "mail server down" in mail.last_error
    first_pause = mail.next_attempt_at - timezone.now()
    assert deliver_due() == (0, 0)  # not due yet
    assert deliver_due(now=later(2)) == (0, 1)
    mail.refresh_from_db()
    assert mail.next_attempt_at - timezone.now() > first_pause
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert deliver_due(now=later(60 * 24)) == (1, 0)
    assert len(mailoutbox) == 1


def test_after_the_last_attempt_the_mail_is_marked_failed_not_deleted(settings):
    settings.EMAIL_BACKEND = "tests.test_comments_outbox.RefusingBackend"
    outbox.enqueue("a@example.net", "Hello", "Body", purpose="test")
    for _ in range(MAX_ATTEMPTS):
        deliver_due(now=later(60 * 48))
    mail = OutgoingMail.objects.get()
    assert mail.failed and mail.attempts == MAX_ATTEMPTS and mail.sent_at is None
    assert deliver_due(now=later(60 * 96)) == (0, 0)


def test_a_real_smtp_server_receives_the_mail_with_its_headers(smtp_settings):
    with MailServer() as server:
        smtp_settings(server)
        outbox.enqueue(
            "reader@example.net",
            "Reply",
            "Body text",
            purpose="test",
            headers={"List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
        )
        call_command("deliver_mail", "--once")
    assert len(server.received) == 1
    envelope = server.received[0]
    assert envelope.rcpt_tos == ["reader@example.net"]
    assert b"List-Unsubscribe-Post: List-Unsubscribe=One-Click" in envelope.content


def test_a_server_that_refuses_then_accepts_gets_every_mail_exactly_once(smtp_settings):
    with MailServer(refusals=2) as server:
        smtp_settings(server)
        for number in range(3):
            outbox.enqueue(f"r{number}@example.net", f"Mail {number}", "Body", purpose="test")
        assert deliver_due() == (1, 2)
        assert deliver_due() == (0, 0)
        assert deliver_due(now=later(2)) == (2, 0)
        assert deliver_due(now=later(60 * 24)) == (0, 0)
    assert sorted(e.rcpt_tos[0] for e in server.received) == [
        "r0@example.net", "r1@example.net", "r2@example.net",
    ]  # fmt: skip
    assert OutgoingMail.objects.filter(sent_at=None).count() == 0


def test_a_server_that_is_not_there_loses_nothing(smtp_settings):
    with MailServer() as server:
        smtp_settings(server)
    # The server has stopped: connections are refused.
    outbox.enqueue("a@example.net", "Hello", "Body", purpose="test")
    assert deliver_due() == (0, 1)
    assert OutgoingMail.objects.get().last_error


def test_a_mail_two_workers_picked_at_once_is_claimed_by_one_only():
    """Two workers that read the same due mail: only the first claim succeeds. (On PostgreSQL
    the second would not even have read it: SKIP LOCKED.)"""
    outbox.enqueue("a@example.net", "Hello", "Body", purpose="test")
    first, second = OutgoingMail.objects.get(), OutgoingMail.objects.get()
    assert outbox.claim(first) is True
    assert outbox.claim(second) is False


def test_a_sent_mail_is_never_claimed_again(mailoutbox):
    outbox.enqueue("a@example.net", "Hello", "Body", purpose="test")
    stale = OutgoingMail.objects.get()
    deliver_due()
    assert outbox.claim(stale) is False
    assert deliver_due(now=later(60 * 24)) == (0, 0)
    assert len(mailoutbox) == 1


def test_mail_server_errors_during_smtp_do_not_escape(smtp_settings):
    with MailServer(refusals=1) as server:
        smtp_settings(server)
        outbox.enqueue("a@example.net", "Hello", "Body", purpose="test")
        assert deliver_due() == (0, 1)
    assert "451" in OutgoingMail.objects.get().last_error
