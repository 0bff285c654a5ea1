"""Google Consent Mode v2: the consent state Google's tags read, and which tags may load.

Rules this module owns:
- Before any tag, every page sets the `default` state: each type denied except
  security_storage, with `wait_for_update` so tags that load early wait briefly for the
  visitor's answer, and `ads_data_redaction` on. When the visitor has a decision that counts,
  an `update` with it follows at once (that is how a choice made without JavaScript reaches the
  next page); when they choose on a page with JavaScript, the dialog script sends the `update`.
- A type is granted exactly when the visitor allows the category it is mapped to (the
  ConsentModeType table, visible in the admin); security_storage is always granted.
- A tag loads only when the visitor allows its category, and never for a browser that sends
  Global Privacy Control: a third party's script is what the signal is about.

Everything here depends only on the visitor's consent state, never on who they are, so the
script can be shared by caches like the pages that load it.
"""

import json

from .models import ConsentModeType

# Google's own order, which is also the order the state is written in.
CONSENT_MODE_TYPES = [name for name, _ in ConsentModeType.Name.choices]
ALWAYS_GRANTED = {ConsentModeType.Name.SECURITY_STORAGE}
# Milliseconds a tag that loaded before the state's `update` waits for it.
WAIT_FOR_UPDATE_MS = 500


def _granted(flag):
    return "granted" if flag else "denied"


def undecided_state():
    """The `default` state: nothing optional granted."""
    return {name: _granted(name in ALWAYS_GRANTED) for name in CONSENT_MODE_TYPES}


def consent_state(consent):
    """The visitor's consent, as Consent Mode types."""
    mapped = dict(consent.catalogue.consent_mode_types)
    state = {}
    for name in CONSENT_MODE_TYPES:
        slug = mapped.get(name)
        state[name] = _granted(
            name in ALWAYS_GRANTED or (slug is not None and consent.allows(slug))
        )
    return state


def ads_data_redaction(state):
    """Redact ad click identifiers while advertising storage is denied."""
    return state[ConsentModeType.Name.AD_STORAGE] == "denied"


def tags_to_load(consent):
    """The tags this visitor's consent allows, as the loader in state.js wants them."""
    if consent.gpc_signal:
        return []
    return [
        {"kind": tag.kind, "id": tag.tag_id, "src": tag.src}
        for slug, tag in consent.catalogue.tags
        if consent.allows(slug)
    ]


def update_payload(consent):
    """What the dialog script needs after a choice: the `update` state, the tags now allowed
    and the cookie names (with * patterns) of the refused categories, to delete."""
    state = consent_state(consent)
    refused = [
        cookie.name
        for category in consent.catalogue.categories
        if not consent.allows(category.slug)
        for cookie in category.cookies
    ]
    return {
        "allowed": sorted(consent.allowed_slugs),
        "consent_mode": state,
        "ads_data_redaction": ads_data_redaction(state),
        "tags": tags_to_load(consent),
        "refused_cookies": refused,
        # Embed providers whose content may load now; the page swaps out any other.
        "embeds": sorted(consent.allowed_embeds),
    }


def state_script_context(consent):
    """The values templates/consent/state.js writes, JSON-encoded for a script file."""
    default = {**undecided_state(), "wait_for_update": WAIT_FOR_UPDATE_MS}
    context = {
        "default_state": json.dumps(default),
        "update_state": None,
        "ads_data_redaction": "true",
        "tags": json.dumps(tags_to_load(consent)),
    }
    if consent.decided:
        state = consent_state(consent)
        context["update_state"] = json.dumps(state)
        context["ads_data_redaction"] = json.dumps(ads_data_redaction(state))
    return context
