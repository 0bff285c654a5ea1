"""The cookie catalogue: categories and declared cookies as the dialog shows them.

Every page needs it (banner, dialog, cookie enforcement), so it is read in one query and kept
in Django's cache until an editor changes a category or declaration (see signals.py); a warm
page view costs no query at all.
"""

from dataclasses import dataclass, field

from django.core.cache import cache

from .models import NECESSARY, CookieCategory, CookieDeclaration
from .policy import policy_version

CACHE_KEY = "consent:catalogue:v1"
# Signals clear the key on every edit; the timeout only bounds the damage should some change
# bypass them (a raw SQL fix, a data migration in a deploy sharing a Redis cache).
CACHE_TIMEOUT = 60 * 60

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


@dataclass(frozen=True)
class CategoryInfo:
    slug: str
    name: str
    description: str
    is_necessary: bool
    cookies: tuple[DeclaredCookie, ...] = ()


@dataclass(frozen=True)
class Catalogue:
    categories: tuple[CategoryInfo, ...]
    version: str = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "version", policy_version(self.snapshot()))

    @property
    def optional_categories(self):
        return [category for category in self.categories if not category.is_necessary]

    def category(self, slug):
        return next((category for category in self.categories if category.slug == slug), None)

    def is_necessary(self, slug):
        category = self.category(slug)
        return slug == NECESSARY or (category is not None and category.is_necessary)

    def category_of_cookie(self, cookie_name):
        """The category a cookie is declared under; exact names win over name patterns."""
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
        with each answered version so later changes can be explained."""
        return {
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
                }
                for category in self.categories
            ]
        }


def load_catalogue():
    """Read the catalogue from the database in a single query (a LEFT JOIN, so categories
    without cookies come back too)."""
    rows = CookieCategory.objects.order_by("order", "pk", "declarations__name").values_list(
        "slug",
        "name",
        "description",
        "is_necessary",
        "declarations__name",
        "declarations__domain",
        "declarations__path",
        "declarations__provider",
        "declarations__party",
        "declarations__duration",
        "declarations__purpose",
    )
    categories = {}
    for slug, name, description, is_necessary, *cookie in rows:
        entry = categories.setdefault(slug, (name, description, is_necessary, []))
        if cookie[0] is not None:
            entry[3].append(DeclaredCookie(*cookie))
    return Catalogue(
        tuple(
            CategoryInfo(slug, name, description, is_necessary, tuple(cookies))
            for slug, (name, description, is_necessary, cookies) in categories.items()
        )
    )


def get_catalogue():
    catalogue = cache.get(CACHE_KEY)
    # A value of any other type under the key is not ours: read it as a miss.
    if not isinstance(catalogue, Catalogue):
        catalogue = load_catalogue()
        cache.set(CACHE_KEY, catalogue, CACHE_TIMEOUT)
    return catalogue


def forget_catalogue():
    cache.delete(CACHE_KEY)
