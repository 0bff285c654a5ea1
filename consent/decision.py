"""A visitor's decision, the signed cookie that carries it, and the record that proves it.

The cookie is signed with the site's secret, so a visitor (or anything between them and us)
cannot grant consent by editing it: a tampered or malformed cookie reads as "no decision yet".
Every decision is also written to the append-only consent log before the cookie is sent.
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from newsroom.client_address import client_address

from .models import Action, ConsentRecord, PolicyVersion
from .policy import consent_max_age

COOKIE_NAME = "newsroom_consent"
SIGNING_SALT = "newsroom.consent.decision"
USER_AGENT_LENGTH = ConsentRecord._meta.get_field("user_agent").max_length
PAGE_LENGTH = ConsentRecord._meta.get_field("page").max_length
CLOCK_SKEW = timedelta(minutes=5)


def new_visitor_id():
    return str(uuid.uuid4())


@dataclass(frozen=True)
class Decision:
    visitor_id: str
    allowed: frozenset
    action: str
    policy_version: str
    given_at: datetime
    # Given while the browser sent a Global Privacy Control signal, i.e. an explicit opt-in
    # that overrides the signal.
    under_gpc: bool = False

    @property
    def expires_at(self):
        return self.given_at + consent_max_age()

    def is_expired(self):
        return timezone.now() >= self.expires_at

    def signed_value(self):
        payload = {
            "v": self.visitor_id,
            "c": sorted(self.allowed),
            "a": self.action,
            "p": self.policy_version,
            "t": int(self.given_at.timestamp()),
            "g": int(self.under_gpc),
        }
        return signing.dumps(payload, salt=SIGNING_SALT)

    @classmethod
    def from_cookie(cls, value):
        """The decision in a cookie, or None if it is missing, tampered with or malformed."""
        if not value:
            return None
        try:
            payload = signing.loads(value, salt=SIGNING_SALT)
            decision = cls(
                visitor_id=str(uuid.UUID(payload["v"])),
                allowed=frozenset(str(slug) for slug in payload["c"]),
                action=Action(payload["a"]).value,
                policy_version=str(payload["p"]),
                given_at=datetime.fromtimestamp(int(payload["t"]), tz=UTC),
                under_gpc=bool(payload.get("g")),
            )
        except (signing.BadSignature, ValueError, TypeError, KeyError, OverflowError, OSError):
            return None
        if decision.given_at > timezone.now() + CLOCK_SKEW:
            # Only a forged or broken cookie comes from the future (and one from the year 9999
            # would overflow the expiry arithmetic).
            return None
        return decision


def make_decision(visitor_id, allowed, action, catalogue, under_gpc=False):
    optional = {category.slug for category in catalogue.optional_categories}
    return Decision(
        visitor_id=visitor_id or new_visitor_id(),
        allowed=frozenset(allowed) & optional,
        action=action,
        policy_version=catalogue.version,
        given_at=timezone.now(),
        under_gpc=under_gpc,
    )


def ip_hash(request):
    # Optional and keyed with the secret: enough to match two records from one connection
    # during a dispute, useless to anyone who only has the log.
    if not getattr(settings, "CONSENT_LOG_IP_HASH", False):
        return ""
    return salted_hmac(
        "newsroom.consent.ip", client_address(request), algorithm="sha256"
    ).hexdigest()


def record(request, decision, catalogue, page):
    """Write the decision to the consent log (with the policy it answered) and return the row."""
    # Both rows or neither: a record must never point at a policy version that was not kept.
    with transaction.atomic():
        PolicyVersion.objects.remember(catalogue.version, catalogue.snapshot())
        return ConsentRecord.objects.create(
            visitor_id=decision.visitor_id,
            choices={
                category.slug: category.is_necessary or category.slug in decision.allowed
                for category in catalogue.categories
            },
            action=decision.action,
            policy_version=decision.policy_version,
            created_at=decision.given_at,
            page=page[:PAGE_LENGTH],
            user_agent=request.headers.get("User-Agent", "")[:USER_AGENT_LENGTH],
            ip_hash=ip_hash(request),
        )


def set_decision_cookie(request, response, decision):
    response.set_cookie(
        COOKIE_NAME,
        decision.signed_value(),
        max_age=int(consent_max_age().total_seconds()),
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
