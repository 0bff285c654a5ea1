"""The cookie catalogue: categories, declared cookies, active tags and embed providers as the
dialog shows them.

Every page needs it (banner, dialog, cookie enforcement, the consent state script and the
Content-Security-Policy), so it is read in four small queries (categories with their cookies,
active tags, the Consent Mode mapping, the active embed providers) and kept in Django's cache
under its own generation in the database, which a committed change to any of them bumps (see
signals.py); a page view reads it with the site's generation, in one query, so a warm one
costs no query for the catalogue.

A category is "in use" when it is necessary or declares a cookie or holds an active tag. Only
categories in use are offered to visitors and recorded as accepted: asking for consent to
something the site does not do is not honest, and logging it proves nothing.

The texts come in the active language: editors translate category names, descriptions,
cookie providers, durations and purposes, and what readers are told about embed providers
(consent/provider_texts.py, in the providers' one query), in the admin, and English shows
wherever a translation is missing. Each language has its own cached catalogue (and so its own policy
version, see policy.py); English, the texts' own language, needs no extra query.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation

from newsroom.copies import kept
from newsroom.models import CATALOGUE_SCOPE, PageGeneration
from newsroom.pagecache import generation
from newsroom.security import origin_of

from .models import (
    NECESSARY,
    SOURCE_LANGUAGE,
    ConsentModeType,
    CookieCategory,
    CookieCategoryTranslation,
    CookieDeclaration,
    CookieDeclarationTranslation,
    EmbedProvider,
    EmbedProviderTranslation,
    PolicyVersion,
    Tag,
)
from .policy import collection_digest, policy_version
from .provider_texts import ProviderInfo, active_providers

# What the catalogue is read from: a change to any of them retires it (apps.py, signals.py).
CATALOGUE_MODELS = (
    CookieCategory,
    CookieCategoryTranslation,
    CookieDeclaration,
    CookieDeclarationTranslation,
    Tag,
    ConsentModeType,
    EmbedProvider,
    EmbedProviderTranslation,
)

PARTY_LABELS = dict(CookieDeclaration.Party.choices)


@dataclass(frozen=True)
class DeclaredCookie:
    name: str
    domain: str
    path: str
    provider: str
    party: str
    duration: str
    purpose: str

    @property
    def party_label(self):
        return PARTY_LABELS.get(self.party, self.party)

    @property
    def is_pattern(self):
        return self.name.endswith("*")

    def matches(self, cookie_name):
        if self.is_pattern:
            return cookie_name.startswith(self.name[:-1])
        return cookie_name == self.name


# Where Google's tags load from and report to: allowed by the CSP only while such a tag is on.
GOOGLE_TAG_SOURCES = {
    "script-src": ["https://www.googletagmanager.com"],
    "connect-src": [
        "https://www.googletagmanager.com",
        "https://www.google-analytics.com",
        "https://*.google-analytics.com",
        "https://*.analytics.google.com",
    ],
    "img-src": ["https://www.googletagmanager.com", "https://www.google-analytics.com"],
}
GOOGLE_TAG_URLS = {
    Tag.Kind.GA4: "https://www.googletagmanager.com/gtag/js?id={}",
    Tag.Kind.GTM: "https://www.googletagmanager.com/gtm.js?id={}",
}


@dataclass(frozen=True)
class TagInfo:
    name: str
    provider: str
    kind: str
    tag_id: str
    script_url: str

    @property
    def src(self):
        if self.kind in GOOGLE_TAG_URLS:
            return GOOGLE_TAG_URLS[self.kind].format(self.tag_id)
        return self.script_url

    def policy_sources(self):
        """CSP directive: origins this tag needs."""
        if self.kind in GOOGLE_TAG_URLS:
            return GOOGLE_TAG_SOURCES
        # Only the parsed host and port: a row saved before the admin checked script URLs (or
        # written around it) must not carry user-info or a ';' into the policy.
        origin = origin_of(self.script_url)
        if origin is None:
            return {}
        return {"script-src": [origin], "connect-src": [origin], "img-src": [origin]}


@dataclass(frozen=True)
class CategoryInfo:
    slug: str
    name: str
    description: str
    is_necessary: bool
    cookies: tuple[DeclaredCookie, ...] = ()
    tags: tuple[TagInfo, ...] = ()

    @property
    def in_use(self):
        return self.is_necessary or bool(self.cookies or self.tags)


@dataclass(frozen=True)
class Catalogue:
    categories: tuple[CategoryInfo, ...]
    # (Consent Mode type, category slug) pairs, e.g. ("analytics_storage", "analytical").
    consent_mode_types: tuple[tuple[str, str], ...] = ()
    # The language of the texts (English where a translation was missing).
    language: str = SOURCE_LANGUAGE
    # What the site collects, the same in every language (policy.collection_digest).
    collection: str = ""
    # Active embed providers. Not part of the policy version: each is explained and asked
    # about where its content would show (docs/embeds.md).
    providers: tuple[ProviderInfo, ...] = ()
    version: str = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "version", policy_version(self.snapshot()))

    @property
    def optional_categories(self):
        """The optional categories visitors are asked about: those in use."""
        return [
            category
            for category in self.categories
            if not category.is_necessary and category.in_use
        ]

    @property
    def tags(self):
        """Active tags with the slug of the category that allows them."""
        return [(category.slug, tag) for category in self.categories for tag in category.tags]

    def tag_policy_sources(self):
        """CSP directive: origins, for the tags configured (none when there are none)."""
        sources = {}
        for _, tag in self.tags:
            for directive, origins in tag.policy_sources().items():
                known = sources.setdefault(directive, [])
                known.extend(origin for origin in origins if origin not in known)
        return sources

    def provider(self, slug):
        return next((provider for provider in self.providers if provider.slug == slug), None)

    def category(self, slug):
        return next((category for category in self.categories if category.slug == slug), None)

    def is_necessary(self, slug):
        category = self.category(slug)
        return slug == NECESSARY or (category is not None and category.is_necessary)

    def category_of_cookie(self, cookie_name):
        """The category a cookie is declared under; exact names win over name patterns. A
        `__Host-` or `__Secure-` prefix is how a cookie travels over HTTPS, not another cookie."""
        cookie_name = cookie_name.removeprefix("__Host-").removeprefix("__Secure-")
        pattern_match = None
        for category in self.categories:
            for cookie in category.cookies:
                if cookie.matches(cookie_name):
                    if not cookie.is_pattern:
                        return category
                    pattern_match = pattern_match or category
        return pattern_match

    def snapshot(self):
        """What a visitor is shown, as plain data: hashed into the policy version and stored
        with each answered version so later changes can be explained. The language is kept
        for that explanation only: the version hashes the texts (policy.py), not their label."""
        return {
            "language": self.language,
            "categories": [
                {
                    "slug": category.slug,
                    "name": category.name,
                    "description": category.description,
                    "necessary": category.is_necessary,
                    "cookies": [
                        {
                            "name": cookie.name,
                            "domain": cookie.domain,
                            "path": cookie.path,
                            "provider": cookie.provider,
                            "party": cookie.party,
                            "duration": cookie.duration,
                            "purpose": cookie.purpose,
                        }
                        for cookie in category.cookies
                    ],
                    # Only when there are tags, so versions answered before tags existed
                    # stay valid.
                    **(
                        {
                            "tags": [
                                {"name": tag.name, "provider": tag.provider, "kind": tag.kind}
                                for tag in category.tags
                            ]
                        }
                        if category.tags
                        else {}
                    ),
                }
                for category in self.categories
            ],
        }


def dialog_language(language=None):
    """The site language the dialog is shown in: `language`, else the active one, as listed
    in LANGUAGES (the site's default for anything else)."""
    try:
        return translation.get_supported_language_variant(
            language or translation.get_language() or settings.LANGUAGE_CODE
        )
    except LookupError:
        return settings.LANGUAGE_CODE


def _translations(language):
    """{category pk: (name, description)} and {declaration pk: (provider, duration, purpose)}
    in `language`: two queries, none for English."""
    if language == SOURCE_LANGUAGE:
        return {}, {}
    categories = CookieCategoryTranslation.objects.filter(language=language).values_list(
        "category_id", "name", "description"
    )
    declarations = CookieDeclarationTranslation.objects.filter(language=language).values_list(
        "declaration_id", "provider", "duration", "purpose"
    )
    return (
        {pk: texts for pk, *texts in categories},
        {pk: texts for pk, *texts in declarations},
    )


def load_catalogue(language=None):
    """Read the catalogue from the database in `language` (default: the active one):
    categories and cookies in a single query (a LEFT JOIN, so categories without cookies come
    back too), then active tags and the Consent Mode mapping, and for a language other than
    English the translations of categories and cookies."""
    language = dialog_language(language)
    category_texts, cookie_texts = _translations(language)
    rows = CookieCategory.objects.order_by("order", "pk", "declarations__name").values_list(
        "pk",
        "slug",
        "name",
        "description",
        "is_necessary",
        "declarations__pk",
        "declarations__name",
        "declarations__domain",
        "declarations__path",
        "declarations__provider",
        "declarations__party",
        "declarations__duration",
        "declarations__purpose",
    )
    categories = {}
    # The facts behind the texts, in English whatever the language (policy.collection_digest).
    collected = {}
    for pk, slug, name, description, is_necessary, cookie_pk, *cookie in rows:
        name, description = category_texts.get(pk, (name, description))
        entry = categories.setdefault(slug, (name, description, is_necessary, []))
        facts = collected.setdefault(slug, (slug, is_necessary, [], []))
        if cookie_pk is not None:
            cookie_name, domain, path, provider, party, duration, purpose = cookie
            facts[2].append((cookie_name, domain, path, party, duration))
            provider_text, duration_text, purpose = cookie_texts.get(
                cookie_pk, (provider, duration, purpose)
            )
            entry[3].append(
                DeclaredCookie(
                    cookie_name,
                    domain,
                    path,
                    # A translation may leave provider and duration to the English text.
                    provider_text or provider,
                    party,
                    duration_text or duration,
                    purpose,
                )
            )
    tags = {}
    # A tag under a necessary category would load without anyone's consent: never loaded.
    active_tags = Tag.objects.active().filter(category__is_necessary=False)
    for slug, *tag in active_tags.values_list(
        "category__slug", "name", "provider", "kind", "tag_id", "script_url"
    ):
        info = TagInfo(*tag)
        tags.setdefault(slug, []).append(info)
        if slug in collected:
            collected[slug][3].append((info.kind, info.src, info.name, info.provider))
    return Catalogue(
        tuple(
            CategoryInfo(
                slug, name, description, is_necessary, tuple(cookies), tuple(tags.get(slug, ()))
            )
            for slug, (name, description, is_necessary, cookies) in categories.items()
        ),
        tuple(ConsentModeType.objects.values_list("name", "category__slug")),
        language,
        collection_digest(collected.values()),
        active_providers(language),
    )


def get_catalogue(language=None, request=None):
    """The catalogue in `language` (default: the active language), kept in Django's cache under
    the catalogue's generation, which every committed change to the catalogue bumps (see
    signals.py): each worker on each machine reads the new catalogue from its next request on,
    with or without a shared cache. `request` lets the generation be the one its page is
    keyed on (read once per request); without one it is read afresh."""
    language = dialog_language(language)
    if request is None:
        number = PageGeneration.numbers([CATALOGUE_SCOPE]).get(CATALOGUE_SCOPE, (0, None))[0]
        return _kept_catalogue(language, number)
    # Once per request and language: a page asks for it twice (the CSP's tag hosts and the
    # dialog), and with the store cold each ask cost a load (10 of a story page's 60 ms).
    asked = request.__dict__.setdefault("_catalogues", {})
    if language not in asked:
        asked[language] = _kept_catalogue(language, generation(request, CATALOGUE_SCOPE))
    return asked[language]


def _kept_catalogue(language, number):
    return kept(
        "cookie-catalogue",
        lambda value: isinstance(value, Catalogue),
        lambda: _shown_catalogue(language),
        store="default",
        generations=[number],
        language=language,
    )


def _shown_catalogue(language):
    """The catalogue as visitors are about to be shown it; its snapshot is kept with its version
    (once per version), so a visitor answering a page drawn from it can be told what changed
    since (views.update)."""
    catalogue = load_catalogue(language)
    PolicyVersion.objects.remember(catalogue.version, catalogue.snapshot())
    return catalogue


def policy_versions():
    """{language: current policy version} for every language of the site, read from the
    database (the admin compares them before and after a save)."""
    return {code: load_catalogue(code).version for code, _ in settings.LANGUAGES}
