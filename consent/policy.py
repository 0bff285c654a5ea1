"""When a decision stops counting: policy versions and the consent lifetime.

A decision answers the question the dialog asked at the time. The policy version is a hash of
that question (categories and declared cookies, as shown), so when an editor changes what the
dialog says in a way that matters, every earlier answer is out of date and visitors are asked
again, told what changed. Reordering and whitespace do not matter; wording, cookies, providers,
durations and purposes do. Decisions also expire after CONSENT_MAX_AGE_DAYS.

Each language has its own version: the hash of the snapshot in that language, i.e. of exactly
the texts a visitor reading it was shown (English where a translation is missing). A new German
text re-asks German readers only, whose consent it changes, and not English or French readers,
who never saw it; hashing every language together would instead re-ask everyone whenever any
translation is touched. A visitor who answered in one language is asked again in another only
when what the site collects differs from what they answered (see
collection_digest): the texts differ by language, but the categories, cookies and tags they
describe do not, and a visitor who chose them once need not choose them again for a
translation. Languages whose texts are all the same (nothing translated yet) share one version.
"""

import hashlib
import json
from datetime import timedelta

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from newsroom.copies import kept

from .models import SOURCE_LANGUAGE, PolicyVersion

# 13 months: the longest lifetime European regulators accept for a consent choice.
MAX_AGE_LIMIT_DAYS = 395
DEFAULT_MAX_AGE_DAYS = 182
MAX_LISTED_CHANGES = 6

COOKIE_FIELD_WORDS = {
    "provider": gettext_lazy("who provides it"),
    "party": gettext_lazy("first or third party"),
    "duration": gettext_lazy("how long it lasts"),
    "purpose": gettext_lazy("what it is for"),
}


def consent_max_age_days():
    days = getattr(settings, "CONSENT_MAX_AGE_DAYS", DEFAULT_MAX_AGE_DAYS)
    return max(1, min(days, MAX_AGE_LIMIT_DAYS))


def consent_max_age():
    return timedelta(days=consent_max_age_days())


def _normalised(text):
    return " ".join(str(text).split())


def _material(snapshot):
    """The parts of a snapshot that matter, in an order that does not."""
    categories = []
    for category in snapshot["categories"]:
        cookies = [
            {key: _normalised(value) for key, value in cookie.items()}
            for cookie in category["cookies"]
        ]
        cookies.sort(key=lambda cookie: (cookie["name"], cookie["domain"], cookie["path"]))
        entry = {
            "slug": category["slug"],
            "name": _normalised(category["name"]),
            "description": _normalised(category["description"]),
            "necessary": bool(category["necessary"]),
            "cookies": cookies,
        }
        tags = [
            {key: _normalised(value) for key, value in tag.items()}
            for tag in category.get("tags", ())
        ]
        if tags:
            # Absent rather than empty, so versions answered before tags existed stay valid.
            entry["tags"] = sorted(tags, key=lambda tag: (tag["name"], tag["provider"]))
        categories.append(entry)
    return sorted(categories, key=lambda category: category["slug"])


def collection_digest(categories):
    """A digest of what the site collects, the same in every language: for each category in use
    its slug and whether it is necessary, its cookies' names, domains, paths, parties and
    (English) durations, and its tags. `categories` are (slug, necessary, cookies, tags) with
    cookies as (name, domain, path, party, duration) and tags as (kind, id or url, name,
    provider). A decision carries the digest it answered, so it holds in another language as
    long as the digest there is the same."""
    facts = sorted(
        [
            slug,
            bool(necessary),
            sorted([_normalised(part).lower() for part in cookie] for cookie in cookies),
            sorted([_normalised(part) for part in tag] for tag in tags),
        ]
        for slug, necessary, cookies, tags in categories
        if necessary or cookies or tags
    )
    encoded = json.dumps(facts, separators=(",", ":"))
    return hashlib.sha256(encoded.encode()).hexdigest()[:12]


def policy_version(snapshot):
    encoded = json.dumps(_material(snapshot), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(encoded.encode()).hexdigest()[:12]


def _cookies_by_key(material):
    return {
        (cookie["name"], cookie["domain"], cookie["path"]): (category, cookie)
        for category in material
        for cookie in category["cookies"]
    }


def _tags_by_key(material):
    return {
        (tag["name"], tag["provider"]): category["name"]
        for category in material
        for tag in category.get("tags", ())
    }


def describe_changes(old_snapshot, new_snapshot, texts=True):
    """Sentences telling a returning visitor what changed since they last chose. With `texts`
    off (the snapshots are in two languages) only what is collected is compared: categories,
    cookies, parties and tags, not wording."""
    old, new = _material(old_snapshot), _material(new_snapshot)
    old_categories = {category["slug"]: category for category in old}
    changes = []
    for category in new:
        before = old_categories.get(category["slug"])
        if before is None:
            changes.append(_("New category: %(name)s.") % {"name": category["name"]})
        elif before["necessary"] != category["necessary"]:
            if category["necessary"]:
                changes.append(_("%(name)s is always active.") % {"name": category["name"]})
            else:
                changes.append(_("%(name)s is now optional.") % {"name": category["name"]})
        elif texts and (before["name"], before["description"]) != (
            category["name"],
            category["description"],
        ):
            changes.append(_("%(name)s: description reworded.") % {"name": category["name"]})
    new_slugs = {category["slug"] for category in new}
    changes += [
        _("Category removed: %(name)s.") % {"name": category["name"]}
        for category in old
        if category["slug"] not in new_slugs
    ]

    old_tags, new_tags = _tags_by_key(old), _tags_by_key(new)
    changes += [
        _("New service: %(name)s by %(provider)s (%(category)s).")
        % {"name": name, "provider": provider, "category": category}
        for (name, provider), category in new_tags.items()
        if (name, provider) not in old_tags
    ]
    changes += [
        _("No longer used: %(name)s by %(provider)s.") % {"name": name, "provider": provider}
        for (name, provider) in old_tags
        if (name, provider) not in new_tags
    ]

    old_cookies, new_cookies = _cookies_by_key(old), _cookies_by_key(new)
    for key, (category, cookie) in new_cookies.items():
        if key not in old_cookies:
            changes.append(
                _("New cookie: %(cookie)s (%(category)s).")
                % {"cookie": cookie["name"], "category": category["name"]}
            )
            continue
        old_category, old_cookie = old_cookies[key]
        if old_category["slug"] != category["slug"]:
            changes.append(
                _("%(cookie)s moved from %(old)s to %(new)s.")
                % {"cookie": cookie["name"], "old": old_category["name"], "new": category["name"]}
            )
        changed = [
            words
            for name, words in COOKIE_FIELD_WORDS.items()
            if (texts or name == "party") and old_cookie[name] != cookie[name]
        ]
        if changed:
            changes.append(
                _("%(cookie)s: changed %(fields)s.")
                % {"cookie": cookie["name"], "fields": ", ".join(str(words) for words in changed)}
            )
    changes += [
        _("No longer used: %(name)s.") % {"name": cookie["name"]}
        for key, (_category, cookie) in old_cookies.items()
        if key not in new_cookies
    ]
    if len(changes) > MAX_LISTED_CHANGES:
        more = len(changes) - MAX_LISTED_CHANGES + 1
        changes = changes[: MAX_LISTED_CHANGES - 1] + [
            ngettext("And %(count)d more change.", "And %(count)d more changes.", more)
            % {"count": more}
        ]
    return changes


def changes_since(old_version, catalogue):
    """What changed between the version a visitor answered and the current one.

    Empty when that version's snapshot is unknown. A snapshot read in another language (a
    visitor who answered in English and now reads German) is compared on what is collected
    only: comparing the texts would call every one reworded. Snapshots kept before the dialog
    was translated carry no language: they were English. Cached per pair of versions: many
    visitors come back with the same old version, and the answer never changes.
    """

    def describe():
        old = PolicyVersion.objects.filter(version=old_version).values_list("snapshot", flat=True)
        old_snapshot = old.first()
        if not old_snapshot:
            return []
        same_language = old_snapshot.get("language", SOURCE_LANGUAGE) == catalogue.language
        return describe_changes(old_snapshot, catalogue.snapshot(), texts=same_language)

    # Both versions are digests of what they show, so the pair is all the answer depends on
    # (with the language its sentences are in, and the release that words them).
    return kept(
        "consent-changes",
        lambda value: isinstance(value, list) and all(isinstance(c, str) for c in value),
        describe,
        store="default",
        language=catalogue.language,
        parts=[old_version, catalogue.version],
    )
