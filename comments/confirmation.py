"""Proof that a commenter owns the address they post with, before the site trusts it.

An address earns trust (comments published without waiting for an editor, mails about
replies) only once its owner follows a link mailed to it. The rules:
- A comment is trusted only when its address is confirmed *and* the browser posting it holds
  the proof cookie set when that confirmation link was followed in it. Knowing a regular's
  address is therefore not enough to publish in their name: such a comment is held like any
  other, and the address's owner is mailed a link to confirm it (they may ignore it).
- The poster's answer never depends on the address: held comments all get the same message,
  whether the address is new, known, confirmed, or belongs to someone else. Only a browser that
  proved the address sees "published", and an impersonator never has that proof.
- A confirmation link names one comment and the address it was posted with, is signed, and
  expires after `LINK_MAX_AGE` or once it has been used (whoever opens a used link, from a
  forwarded mail or a shared computer, gets no proof cookie). Following it shows a button;
  only the POST confirms (mail scanners follow links, they do not press buttons). Confirming
  publishes the comment if the address was all it was waiting for, and starts the
  subscriptions its form asked for.
- Confirmation mails are rate limited in the database (newsroom.models.Counter) per mailbox
  (every spelling of one inbox counts together: mailboxes.py), per client (an IPv6 client by
  its /64) and per story: nobody can use the form to mail a stranger again and again.

The proof cookie (`newsroom_confirmed`) is Necessary (consent migration 0005): it is set only
when the reader presses "Confirm", holds keyed hashes of the addresses confirmed in that
browser (never the addresses), lives until the browser closes and is honoured for at most
`PROOF_MAX_AGE`. It does not change what a page shows, so it does not make pages personal.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from newsroom.models import Counter
from newsroom.signed_cookies import get_signed, load_token, set_signed

from . import held_reasons, notify, outbox
from .mailboxes import mailbox
from .models import Comment, CommenterAddress, Subscription

TOKEN_SALT = "comments.confirm-address"
LINK_MAX_AGE = timedelta(days=3)
COOKIE_NAME = "newsroom_confirmed"
COOKIE_SALT = "comments.confirmed-browser"
PROOF_MAX_AGE = timedelta(days=7)
COOKIE_MAX_ADDRESSES = 5
# At most this many confirmation mails to one mailbox a day, from one client an hour, and
# about one story an hour (a busy story's real first-time commenters stay far below it).
MAILS_PER_ADDRESS = 3
ADDRESS_WINDOW = 24 * 3600
MAILS_PER_CLIENT = 10
CLIENT_WINDOW = 3600
MAILS_PER_STORY = 30
STORY_WINDOW = 3600


def address_key(email):
    """A keyed hash of `email`: stable for this site, meaningless without SECRET_KEY."""
    return salted_hmac(
        "comments.address", Comment.normalize_email(email), algorithm="sha256"
    ).hexdigest()


def _proven_keys(request):
    keys = get_signed(request, COOKIE_NAME, salt=COOKIE_SALT, max_age=PROOF_MAX_AGE)
    return [key for key in keys if isinstance(key, str)] if isinstance(keys, list) else []


def is_proven(request, email):
    """Whether this browser proved it owns `email`, and the address is still confirmed."""
    if address_key(email) not in _proven_keys(request):
        return False
    return (
        CommenterAddress.objects.confirmed().filter(email=Comment.normalize_email(email)).exists()
    )


def remember_proof(request, response, email):
    """Let this browser post as `email` from now on (until it closes)."""
    key = address_key(email)
    keys = [key, *(k for k in _proven_keys(request) if k != key)][:COOKIE_MAX_ADDRESSES]
    set_signed(request, response, COOKIE_NAME, keys, salt=COOKIE_SALT)


def link_for(comment, site_root):
    token = signing.dumps(
        {"comment": comment.pk, "address": address_key(comment.email)}, salt=TOKEN_SALT
    )
    return site_root.rstrip("/") + reverse("comments:confirm", args=[token])


def comment_for_link(token):
    """The comment a confirmation link names, or None if it is forged, expired or gone."""
    payload = load_token(token, salt=TOKEN_SALT, max_age=LINK_MAX_AGE)
    if not isinstance(payload, dict) or not isinstance(payload.get("comment"), int):
        return None
    comment = Comment.objects.select_related("article").filter(pk=payload["comment"]).first()
    if comment is None or address_key(comment.email) != payload.get("address"):
        return None
    if comment.status in (Comment.Status.SPAM, Comment.Status.REMOVED):
        return None
    if comment.confirmation_used_at is not None:
        return None
    return comment


def mailbox_key(email):
    """A keyed hash of the mailbox `email` reaches, whatever its spelling (mailboxes.py)."""
    return salted_hmac("comments.mailbox", mailbox(email), algorithm="sha256").hexdigest()


def _within_limits(comment, client):
    # Every limit is counted, whichever refuses: the work is the same for every address.
    counts = [
        (Counter.objects.hit(f"comments:confirm:client:{client.rate_key}", CLIENT_WINDOW),
         MAILS_PER_CLIENT),
        (Counter.objects.hit(f"comments:confirm:story:{comment.article_id}", STORY_WINDOW),
         MAILS_PER_STORY),
        (Counter.objects.hit(f"comments:confirm:mailbox:{mailbox_key(comment.email)}",
                             ADDRESS_WINDOW), MAILS_PER_ADDRESS),
    ]  # fmt: skip
    return all(count <= limit for count, limit in counts)


def ask_owner_to_confirm(comment, client, site_root):
    """Mail the address of `comment` a link to confirm it, unless a limit says not now.
    Returns whether a mail was queued; the poster is never told either way."""
    if not _within_limits(comment, client):
        return False
    body = "\n".join(
        [
            _(
                "Someone, we hope you, sent this comment on “%(headline)s” under the name "
                "%(name)s, giving this email address:"
            )
            % {"headline": comment.article.headline, "name": comment.name},
            "",
            comment.excerpt,
            "",
            ngettext(
                "If it was you, confirm your address here (the link works for %(days)d day):",
                "If it was you, confirm your address here (the link works for %(days)d days):",
                LINK_MAX_AGE.days,
            )
            % {"days": LINK_MAX_AGE.days},
            link_for(comment, site_root),
            "",
            _(
                "If it was not you, ignore this mail: nothing is published in your name and you "
                "will not be mailed again for it."
            ),
        ]
    )
    outbox.enqueue(
        comment.email,
        _("[%(site)s] Please confirm your comment") % {"site": settings.SITE_NAME},
        body,
        purpose="confirmation",
    )
    return True


def confirm(comment, site_root):
    """The owner of `comment`'s address followed its link: trust the address, start the
    subscriptions that comment asked for, and publish it if it was waiting only for this; if
    it still waits for a moderator, tell the editors now (they were not told of a comment
    from an unconfirmed address). Returns the comment, reloaded, or None when its link was used
    already. `site_root` makes the editors' link absolute."""
    now = timezone.now()
    with transaction.atomic():
        # The conditional UPDATE claims the link: of two browsers pressing at once, one wins.
        claimed = Comment.objects.filter(pk=comment.pk, confirmation_used_at=None).update(
            confirmation_used_at=now
        )
        if not claimed:
            return None
        address = CommenterAddress.objects.for_email(comment.email)
        if address.confirmed_at is None:
            address.confirmed_at = now
            address.save(update_fields=["confirmed_at"])
        Subscription.objects.filter(comment=comment, confirmed_at=None).update(confirmed_at=now)
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        reasons = held_reasons.split(comment.held_reason)
        if comment.status == Comment.Status.PENDING and held_reasons.UNCONFIRMED in reasons:
            reasons.remove(held_reasons.UNCONFIRMED)
            comment.held_reason = held_reasons.join(reasons)
            if not reasons:
                comment.status, comment.moderated_at = Comment.Status.APPROVED, now
            comment.save()
            if reasons:
                notify.comment_held(comment, site_root, tell_editors=True)
    return comment
