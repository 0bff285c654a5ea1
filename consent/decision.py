"""A visitor's decision, the signed cookies that carry it, and the record that proves it.

Two cookies, both signed with the site's secret so a visitor (or anything between them and us)
cannot grant consent or claim another's id by editing them; a tampered or malformed cookie
reads as absent:
- `newsroom_consent` holds the decision alone (categories, action, policy version, the language
  and the digest of what is collected it answered, the day it was given). Everyone who chose
  the same on the same day holds the same value, so a page can be cached once per decision by
  the app, nginx or a CDN, keyed on this cookie.
- `newsroom_consent_id` holds the visitor's random consent id, which only the log and the
  visitor's own history page use.
Every decision is also written to the append-only consent log before the cookies are sent,
within two bounds, since anyone can post the form as often as they like: the same decision
from the same visitor again within CONSENT_LOG_REPEAT_SECONDS is not written twice (the row
already there proves it), and one client writes at most CONSENT_LOG_ROWS_PER_CLIENT rows in
CONSENT_LOG_CLIENT_WINDOW_SECONDS. Past either, the visitor is answered as usual (their cookies
are set) and only the row is left out.

A shared cache in front (scripts/nginx/newsroom.conf) keys pages on the decision cookie as it
reads it from the raw Cookie header; consent_cookie_is_ambiguous() says when it might read
another value than Django does, and such a request gets a page of its own.
"""

import hashlib
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from newsroom.client_address import client_address, client_group
from newsroom.models import Counter

from .models import Action, ConsentRecord, PolicyVersion
from .policy import consent_max_age

COOKIE_NAME = "newsroom_consent"
ID_COOKIE_NAME = "newsroom_consent_id"
# Over HTTPS both cookies carry the __Host- prefix: a browser then refuses them with a Domain
# attribute, so no other host under the site's domain (a sibling subdomain) can plant a
# decision on a visitor. Plain HTTP (a laptop) cannot use the prefix.
HOST_PREFIX = "__Host-"
SIGNING_SALT = "newsroom.consent.decision"
ID_SIGNING_SALT = "newsroom.consent.visitor-id"
DAY_SECONDS = 24 * 60 * 60
USER_AGENT_LENGTH = ConsentRecord._meta.get_field("user_agent").max_length
PAGE_LENGTH = ConsentRecord._meta.get_field("page").max_length
CLOCK_SKEW = timedelta(minutes=5)
# The one shape of the decision cookie a shared cache and Django read alike: the exact name after
# the start of the header or a semicolon, and a signed value (URL-safe base64, the signature's
# colon, a compressed payload's dot) of bounded length, so the cache key stays short. The same
# pattern keys scripts/nginx/newsroom.conf; a test keeps the two equal.
COOKIE_VALUE_MAX_LENGTH = 512
# Embed providers a decision names (besides their categories): with slugs of at most 20
# characters, the signed value stays under COOKIE_VALUE_MAX_LENGTH (a test fills it).
MAX_EMBED_PROVIDERS = 8
EMBED_SLUG = re.compile(r"[a-z][a-z0-9]{0,19}")
UNAMBIGUOUS_COOKIE = re.compile(
    rf"(?:^|;) *(?:{HOST_PREFIX})?{COOKIE_NAME}=[A-Za-z0-9_.:-]{{0,{COOKIE_VALUE_MAX_LENGTH}}}"
    r" *(?:;|$)"
)
# Any place a cookie parser could see the name: any letter case, spaces before the "=", after
# a comma (nginx splits there, Django does not) or inside another cookie's value.
COOKIE_NAME_MENTIONED = re.compile(rf"{COOKIE_NAME}\s*=", re.IGNORECASE)


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
    # The language the dialog was read in and what the site collected then
    # (policy.collection_digest): the decision holds in other languages while that is the same.
    # Empty in cookies from before they were kept.
    language: str = ""
    collection: str = ""
    # Embed providers allowed by name (slugs), besides those whose category is allowed.
    embeds: frozenset = frozenset()

    @property
    def expires_at(self):
        return self.given_at + consent_max_age()

    def is_expired(self):
        return timezone.now() >= self.expires_at

    def signed_value(self):
        """The cookie value: no id and no time finer than the day, so it is shared."""
        payload = {
            "c": sorted(self.allowed),
            "a": self.action,
            "p": self.policy_version,
            "d": int(self.given_at.timestamp()) // DAY_SECONDS,
            "g": int(self.under_gpc),
        }
        if self.collection:
            payload["l"] = self.language
            payload["k"] = self.collection
        if self.embeds:
            # Only when there are some, so every other decision keeps its cookie value.
            payload["e"] = sorted(bounded_embeds(self.embeds))
        return signing.Signer(salt=SIGNING_SALT).sign_object(payload)

    @classmethod
    def from_cookie(cls, value, visitor_id=None):
        """The decision in a cookie, or None if it is missing, tampered with or malformed."""
        if not value:
            return None
        try:
            payload = signing.Signer(salt=SIGNING_SALT).unsign_object(value)
            decision = cls(
                visitor_id=visitor_id,
                allowed=frozenset(str(slug) for slug in payload["c"]),
                action=Action(payload["a"]).value,
                policy_version=str(payload["p"]),
                given_at=datetime.fromtimestamp(int(payload["d"]) * DAY_SECONDS, tz=UTC),
                under_gpc=bool(payload.get("g")),
                language=str(payload.get("l", "")),
                collection=str(payload.get("k", "")),
                embeds=bounded_embeds(payload.get("e", ())),
            )
        except (signing.BadSignature, ValueError, TypeError, KeyError, OverflowError, OSError):
            return None
        if decision.given_at > timezone.now() + CLOCK_SKEW:
            # Only a forged or broken cookie comes from the future (and one from the year 9999
            # would overflow the expiry arithmetic).
            return None
        return decision


def bounded_embeds(slugs):
    """At most MAX_EMBED_PROVIDERS plain provider slugs: the cookie, and so every cache key made
    from it, stays small whatever a forged or old value holds."""
    if not isinstance(slugs, (list, tuple, set, frozenset)):
        raise TypeError("embeds must be a list")
    plain = sorted({str(slug) for slug in slugs if EMBED_SLUG.fullmatch(str(slug))})
    return frozenset(plain[:MAX_EMBED_PROVIDERS])


def consent_cookie_is_ambiguous(request):
    """Whether a cache reading the raw Cookie header might take another decision from it than
    Django does: the name twice (in any case), in another case, after a comma, or a value
    outside the signed charset or too long. Django keeps the last exact match, nginx the first
    case-insensitive one, so `newsroom_consent=; newsroom_consent=<accept all>` would otherwise
    file an accept-all page under the key of readers who never answered."""
    header = request.META.get("HTTP_COOKIE", "")
    mentions = len(COOKIE_NAME_MENTIONED.findall(header))
    return mentions > 1 or (mentions == 1 and not UNAMBIGUOUS_COOKIE.search(header))


def cookie_name(request, name=COOKIE_NAME):
    """The name the cookie `name` has on this request: with the __Host- prefix over HTTPS."""
    return HOST_PREFIX + name if request.is_secure() else name


def visitor_id_from_cookie(value):
    """The consent id in a `newsroom_consent_id` cookie, or None."""
    try:
        return str(uuid.UUID(signing.Signer(salt=ID_SIGNING_SALT).unsign(value or "")))
    except (signing.BadSignature, ValueError, TypeError):
        return None


def make_decision(visitor_id, allowed, action, catalogue, under_gpc=False, embeds=()):
    optional = {category.slug for category in catalogue.optional_categories}
    known = {provider.slug for provider in catalogue.providers}
    return Decision(
        visitor_id=visitor_id or new_visitor_id(),
        allowed=frozenset(allowed) & optional,
        action=action,
        policy_version=catalogue.version,
        given_at=timezone.now(),
        under_gpc=under_gpc,
        language=catalogue.language,
        collection=catalogue.collection,
        embeds=bounded_embeds(set(embeds) & known),
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
    """Write the decision to the consent log (with the policy it answered) and return the row;
    None when it is left out: a repeat of the visitor's last row, or a client over its volume."""
    choices = {
        category.slug: category.is_necessary or category.slug in decision.allowed
        for category in catalogue.categories
    }
    if repeats_latest_record(decision, choices, catalogue.language):
        return None
    if over_client_volume(request):
        return None
    # Both rows or neither: a record must never point at a policy version that was not kept.
    with transaction.atomic():
        PolicyVersion.objects.remember(catalogue.version, catalogue.snapshot())
        return ConsentRecord.objects.create(
            visitor_id=decision.visitor_id,
            choices=choices,
            action=decision.action,
            policy_version=decision.policy_version,
            language=catalogue.language,
            created_at=decision.given_at,
            page=page[:PAGE_LENGTH],
            user_agent=request.headers.get("User-Agent", "")[:USER_AGENT_LENGTH],
            ip_hash=ip_hash(request),
            embeds=sorted(decision.embeds),
        )


def repeats_latest_record(decision, choices, language):
    """The visitor's latest row says the same, and was written only moments ago."""
    latest = ConsentRecord.objects.for_visitor(decision.visitor_id).first()
    if latest is None:
        return False
    recent = latest.created_at > decision.given_at - timedelta(
        seconds=settings.CONSENT_LOG_REPEAT_SECONDS
    )
    same = (
        latest.choices,
        latest.embeds,
        latest.action,
        latest.policy_version,
        latest.language,
    ) == (choices, sorted(decision.embeds), decision.action, decision.policy_version, language)
    return recent and same


def over_client_volume(request):
    """Count one more row for this request's client; True once it is past its volume."""
    digest = hashlib.sha256(client_group(client_address(request)).encode()).hexdigest()[:32]
    written = Counter.objects.hit(
        f"consent-log:client:{digest}", settings.CONSENT_LOG_CLIENT_WINDOW_SECONDS
    )
    return written > settings.CONSENT_LOG_ROWS_PER_CLIENT


def set_decision_cookies(request, response, decision):
    lifetime = int(consent_max_age().total_seconds())
    values = {
        COOKIE_NAME: decision.signed_value(),
        ID_COOKIE_NAME: signing.Signer(salt=ID_SIGNING_SALT).sign(decision.visitor_id),
    }
    for name, value in values.items():
        # __Host- cookies must be Secure, have path "/" and no Domain: set_cookie's defaults.
        response.set_cookie(
            cookie_name(request, name),
            value,
            max_age=lifetime,
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
        if request.is_secure() and name in request.COOKIES:
            # A cookie of the plain name is from before the prefix (or planted): it no longer
            # counts over HTTPS, and this clears our own host's copy of it.
            response.delete_cookie(name, samesite="Lax")
