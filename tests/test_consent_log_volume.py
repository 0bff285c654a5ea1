"""Posting the consent form cannot fill the consent log: a repeated decision is logged once,
and one client's volume is capped, while every real change of mind is still recorded and the
visitor is answered as usual."""

from datetime import timedelta
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone

from consent.decision import COOKIE_NAME
from consent.models import Action, ConsentRecord
from tests.consent_forms import decide

pytestmark = pytest.mark.django_db


def test_the_same_decision_posted_again_is_logged_once(client):
    for _ in range(20):
        assert decide(client, "accept_all").status_code == 303

    assert ConsentRecord.objects.count() == 1


def test_every_change_of_decision_is_logged(client):
    for action in ["accept_all", "reject_all", "accept_all", "reject_all"]:
        decide(client, action)

    actions = list(ConsentRecord.objects.order_by("pk").values_list("action", flat=True))
    assert actions == [Action.ACCEPT_ALL, Action.WITHDRAW, Action.ACCEPT_ALL, Action.WITHDRAW]


def test_the_same_decision_is_logged_again_after_the_repeat_window(client, settings):
    decide(client, "accept_all")
    later = timezone.now() + timedelta(seconds=settings.CONSENT_LOG_REPEAT_SECONDS + 1)

    with mock.patch("django.utils.timezone.now", return_value=later):
        decide(client, "accept_all")

    assert ConsentRecord.objects.count() == 2


def test_one_client_without_cookies_writes_at_most_its_volume(settings):
    settings.CONSENT_LOG_ROWS_PER_CLIENT = 5
    answers = []
    for _ in range(12):
        # A fresh browser each time: a new consent id, so no row repeats another.
        answers.append(decide(Client(REMOTE_ADDR="198.51.100.7"), "accept_all"))

    assert ConsentRecord.objects.count() == 5
    # Past the volume the visitor is still answered and their decision still set.
    assert all(answer.status_code == 303 for answer in answers)
    assert all(answer.cookies[COOKIE_NAME].value for answer in answers)


def test_a_busy_client_does_not_stop_another_clients_records(settings):
    settings.CONSENT_LOG_ROWS_PER_CLIENT = 2
    for _ in range(5):
        decide(Client(REMOTE_ADDR="198.51.100.7"), "accept_all")

    decide(Client(REMOTE_ADDR="203.0.113.20"), "reject_all")

    assert ConsentRecord.objects.filter(action=Action.REJECT_ALL).count() == 1


def test_the_volume_is_counted_per_client_behind_a_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.CONSENT_LOG_ROWS_PER_CLIENT = 2
    for number in range(5):
        # A forged first entry changes nothing: the balancer's entry is the client.
        forwarded = f"192.0.2.{number}, 198.51.100.7"
        decide(Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded), "accept_all")

    assert ConsentRecord.objects.count() == 2
