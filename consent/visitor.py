"""What this visitor allows right now: the object behind `request.consent` and `{{ consent }}`.

Rules it owns: Necessary is always allowed; nothing else is allowed without a decision that is
signed, current and unexpired (current: the same policy version, or given in another language
for the same digest of what is collected, see policy.py); a Global Privacy Control signal refuses
every optional category unless the visitor opted in while sending it.
"""

from dataclasses import dataclass
from functools import cached_property

from django.utils.translation import gettext as _

from .catalogue import get_catalogue
from .decision import (
    ID_COOKIE_NAME,
    Decision,
    cookie_name,
    make_decision,
    record,
    set_decision_cookies,
    visitor_id_from_cookie,
)
from .enforcement import expire_declared_cookies
from .models import NECESSARY, Action
from .policy import changes_since

# German writes nouns, category names among them, with a capital letter inside a sentence too.
CAPITALISED_NAME_LANGUAGES = {"de"}


@dataclass(frozen=True)
class CategoryChoice:
    """A category as the dialog shows it: with its switch on or off."""

    category: object
    checked: bool

    @property
    def always_active(self):
        return self.category.is_necessary

    @property
    def not_used(self):
        """Nothing declared and no tag: not offered, so nobody consents to nothing."""
        return not self.category.in_use


class VisitorConsent:
    def __init__(
        self,
        catalogue,
        decision=None,
        *,
        stored=None,
        gpc_signal=False,
        pending=False,
        known_visitor_id=None,
    ):
        self.catalogue = catalogue
        # The id in the visitor's id cookie: kept even when their decision no longer counts.
        self.known_visitor_id = known_visitor_id
        # The decision that counts now (None: the visitor has to be asked).
        self.decision = decision
        # What the visitor's cookie held, even if it no longer counts: keeps their consent id
        # and tells us why we ask again.
        self.stored = stored
        self.gpc_signal = gpc_signal
        # A decision made on this request that the response still has to store and log.
        self.pending = pending

    def __repr__(self):
        return f"<VisitorConsent allowed={sorted(self.allowed_slugs)} decided={self.decided}>"

    # The public surface other apps use.

    @property
    def decided(self):
        return self.decision is not None

    def allows(self, slug):
        if self.catalogue.is_necessary(slug):
            return True
        if not (self.decided and slug in self.decision.allowed):
            return False
        # An older answer may name a category that has since fallen out of use.
        category = self.catalogue.category(slug)
        return category is not None and category.in_use

    def allows_embed(self, provider):
        """Whether the content of `provider` (a catalogue ProviderInfo) may load: its category
        is allowed, or the visitor allowed the provider by name."""
        if self.allows(provider.category):
            return True
        return self.decided and provider.slug in self.decision.embeds

    @property
    def allowed_embeds(self):
        """Slugs of the active providers whose content may load."""
        return {p.slug for p in self.catalogue.providers if self.allows_embed(p)}

    @property
    def embeds_by_name(self):
        """Slugs of the providers the visitor allowed by name (the dialog's ticks)."""
        return frozenset(self.decision.embeds) if self.decided else frozenset()

    def __getattr__(self, name):
        # `{% if consent.analytical %}` in templates. Only category slugs answer, so typos and
        # Python internals still raise AttributeError.
        if name.startswith("_") or self.__dict__.get("catalogue") is None:
            raise AttributeError(name)
        if name != NECESSARY and self.catalogue.category(name) is None:
            raise AttributeError(name)
        return self.allows(name)

    # What the banner and dialog need.

    @property
    def allowed_slugs(self):
        slugs = (category.slug for category in self.catalogue.categories)
        return {slug for slug in slugs if self.allows(slug)}

    @property
    def show_banner(self):
        return not self.decided

    @property
    def categories(self):
        return [
            CategoryChoice(category, self.allows(category.slug))
            for category in self.catalogue.categories
        ]

    @property
    def optional_category_names(self):
        """ "functional, analytical and performance": for the banner's sentence."""
        names = [category.name for category in self.catalogue.optional_categories]
        if self.catalogue.language not in CAPITALISED_NAME_LANGUAGES:
            names = [name.lower() for name in names]
        if len(names) < 2:
            return "".join(names)
        return _("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}

    @property
    def visitor_id(self):
        source = self.decision or self.stored
        return (source.visitor_id if source else None) or self.known_visitor_id

    @property
    def ask_reason(self):
        """Why the banner is shown: "first", "expired" or "changed" (in the language the visitor
        chose in, what the dialog says; in another, what the site collects)."""
        if self.decided or self.stored is None:
            return "first"
        if self.stored.is_expired():
            return "expired"
        return "changed"

    @cached_property
    def changes(self):
        if self.ask_reason != "changed":
            return []
        return changes_since(self.stored.policy_version, self.catalogue)

    @property
    def gpc_honoured(self):
        """The current refusal comes from the browser's Global Privacy Control signal."""
        return self.decided and self.decision.action == Action.GPC

    @property
    def opted_in_despite_gpc(self):
        if not (self.gpc_signal and self.decided):
            return False
        return self.decision.under_gpc and not self.gpc_honoured

    # Making and storing decisions.

    @property
    def previous_allowed(self):
        live = self.stored if self.stored and self._counts(self.stored) else None
        return live.allowed if live else frozenset()

    @property
    def previous_embeds(self):
        live = self.stored if self.stored and self._counts(self.stored) else None
        return live.embeds if live else frozenset()

    def decide(self, allowed, action, gpc_signal, embeds=None):
        """A new VisitorConsent for the visitor's answer; `persist` it on the response.
        `embeds`: the providers allowed by name, None to keep those allowed before."""
        if embeds is None:
            embeds = self.previous_embeds
        decision = make_decision(
            self.visitor_id, allowed, action, self.catalogue, gpc_signal, embeds
        )
        withdrawing = (self.previous_allowed - decision.allowed) or (
            self.previous_embeds - decision.embeds
        )
        if action in (Action.REJECT_ALL, Action.CUSTOM) and withdrawing:
            # Taking back consent that was given is logged as such (Art. 7(3) GDPR).
            decision = make_decision(
                decision.visitor_id,
                decision.allowed,
                Action.WITHDRAW,
                self.catalogue,
                gpc_signal,
                decision.embeds,
            )
        return VisitorConsent(
            self.catalogue,
            decision,
            stored=self.stored,
            gpc_signal=gpc_signal,
            pending=True,
            known_visitor_id=decision.visitor_id,
        )

    def refused_slugs(self):
        return {category.slug for category in self.catalogue.optional_categories} - (
            self.allowed_slugs
        )

    def expire_refused_cookies(self, request, response):
        """Delete the refused cookies the browser still sends. A script can set one again
        after the visitor said no (a tag still open in another tab, say): it goes on the next
        page they see, not only when they next decide."""
        expire_declared_cookies(
            response, self.catalogue, self.refused_slugs(), request.COOKIES, (), request.get_host()
        )

    def persist(self, request, response, page):
        """Log the pending decision, send its cookie and expire what it no longer allows."""
        record(request, self.decision, self.catalogue, page)
        set_decision_cookies(request, response, self.decision)
        refused = {category.slug for category in self.catalogue.optional_categories} - (
            self.decision.allowed
        )
        withdrawn = self.previous_allowed - self.decision.allowed
        expire_declared_cookies(
            response, self.catalogue, refused, request.COOKIES, withdrawn, request.get_host()
        )
        self.pending = False

    def _counts(self, decision):
        if decision.is_expired():
            return False
        if decision.policy_version == self.catalogue.version:
            return True
        # Given in another language: it holds while the site collects the same.
        return (
            bool(decision.collection)
            and decision.language != self.catalogue.language
            and decision.collection == self.catalogue.collection
        )


def consent_for_request(request):
    catalogue = get_catalogue(request=request)
    gpc_signal = request.headers.get("Sec-GPC", "").strip() == "1"
    visitor_id = visitor_id_from_cookie(request.COOKIES.get(cookie_name(request, ID_COOKIE_NAME)))
    stored = Decision.from_cookie(request.COOKIES.get(cookie_name(request)), visitor_id)
    consent = VisitorConsent(
        catalogue, stored=stored, gpc_signal=gpc_signal, known_visitor_id=visitor_id
    )
    live = stored if stored and consent._counts(stored) else None
    given = live is not None and bool(live.allowed or live.embeds)
    if gpc_signal and (live is None or (given and not live.under_gpc)):
        # The signal is a refusal; it gives way only to an opt-in made while it was on.
        refusal = consent.decide((), Action.GPC, gpc_signal=True, embeds=())
        if not (consent.previous_allowed or consent.previous_embeds):
            # Nothing was given, so nothing is withdrawn: the signal, sent with every request,
            # is the refusal itself. Storing it would log a row and set a cookie per request
            # for every client that keeps no cookies.
            refusal.pending = False
        return refusal
    consent.decision = live
    return consent
