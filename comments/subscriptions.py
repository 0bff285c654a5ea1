"""Mail about new comments, for readers who asked twice: once in the form, once by confirming.

- The form's two boxes ("Email me replies to my comment", "Email me new comments on this
  story") start unticked. What they ask for is stored at once but sends nothing until the
  address's owner confirms the comment that asked (double opt-in; see confirmation.py). A
  browser that already proved the address confirms it by posting.
- A comment is announced once, when it becomes public (approved, and its thread too): never
  while held or as spam, and never twice (`Comment.subscribers_told_at`). Each subscriber gets
  one mail, with the comment's author name, text and link, and never anyone's email address.
  Nobody is told about their own comment.
- Every mail carries a one-click unsubscribe link (RFC 8058 `List-Unsubscribe` and
  `List-Unsubscribe-Post` headers) and a link to a page listing the address's subscriptions.
  Both are signed links: they work without an account, and their POSTs need no CSRF token
  (a forged POST can only end a subscription whose link the forger already has).
"""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import outbox
from .models import Comment, CommenterAddress, Subscription

UNSUBSCRIBE_SALT = "comments.unsubscribe"
MANAGE_SALT = "comments.manage-subscriptions"
MAX_SIGNED_LENGTH = 200


def record_wishes(comment, replies, story, confirmed):
    """Store what the form of `comment` asked for; `confirmed` when its poster proved the
    address, otherwise the subscriptions wait for the confirmation link."""
    if not (replies or story):
        return
    address = CommenterAddress.objects.for_email(comment.email)
    when = timezone.now() if confirmed else None
    kinds = [kind for kind, wanted in [(Subscription.Kind.REPLIES, replies),
                                       (Subscription.Kind.STORY, story)] if wanted]  # fmt: skip
    for kind in kinds:
        Subscription.objects.create(
            address=address,
            kind=kind,
            article=comment.article,
            comment=comment,
            confirmed_at=when,
            language=translation.get_language(),
        )


def _signed(value, salt):
    return signing.dumps(value, salt=salt)


def _unsigned(token, salt):
    if not isinstance(token, str) or len(token) > MAX_SIGNED_LENGTH:
        return None
    try:
        value = signing.loads(token, salt=salt)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


def unsubscribe_url(subscription, site_root):
    token = _signed(subscription.pk, UNSUBSCRIBE_SALT)
    return site_root.rstrip("/") + reverse("comments:unsubscribe", args=[token])


def manage_url(address, site_root):
    token = _signed(address.pk, MANAGE_SALT)
    return site_root.rstrip("/") + reverse("comments:subscriptions", args=[token])


def subscription_for_link(token):
    pk = _unsigned(token, UNSUBSCRIBE_SALT)
    if pk is None:
        return None
    return Subscription.objects.select_related("article").filter(pk=pk).first()


def address_for_link(token):
    pk = _unsigned(token, MANAGE_SALT)
    return None if pk is None else CommenterAddress.objects.filter(pk=pk).first()


def end(subscriptions):
    return subscriptions.filter(ended_at=None).update(ended_at=timezone.now())


def _recipients(comment):
    """{address: subscription} of everyone to tell about `comment`, its author left out."""
    replies = Subscription.objects.none()
    if comment.parent_id:
        replies = Subscription.objects.filter(
            kind=Subscription.Kind.REPLIES, comment=comment.parent_id
        )
    story = Subscription.objects.filter(kind=Subscription.Kind.STORY, article=comment.article_id)
    chosen = {}
    # Replies first: someone watching both gets the mail that says "a reply to you".
    for subscription in [*replies.active().select_related("address"),
                         *story.active().select_related("address")]:  # fmt: skip
        if subscription.address.email != comment.email:
            chosen.setdefault(subscription.address, subscription)
    return chosen


def announce(comment, site_root):
    """Queue mail to the subscribers of newly public `comment`, once in its life."""
    with transaction.atomic():
        # The conditional UPDATE claims the announcement: of two editors approving at once,
        # one gets 1 and sends, the other gets 0.
        claimed = Comment.objects.filter(pk=comment.pk, subscribers_told_at=None).update(
            subscribers_told_at=timezone.now()
        )
        if not claimed or not Comment.objects.public().filter(pk=comment.pk).exists():
            return 0
        comment = Comment.objects.select_related("article").get(pk=comment.pk)
        recipients = _recipients(comment)
        for address, subscription in recipients.items():
            with translation.override(_language_of(subscription)):
                _queue_notice(comment, address, subscription, site_root)
    return len(recipients)


def _language_of(subscription):
    """The language the subscriber read the site in, if the site still speaks it."""
    known = {code for code, _name in settings.LANGUAGES}
    return subscription.language if subscription.language in known else settings.LANGUAGE_CODE


def announce_approved(comment_ids, site_root):
    """Announce those of `comment_ids` that are public now (after an editor approved them)."""
    for comment in Comment.objects.filter(pk__in=list(comment_ids), subscribers_told_at=None):
        announce(comment, site_root)


def _queue_notice(comment, address, subscription, site_root):
    link = site_root.rstrip("/") + comment.get_absolute_url()
    words = {"site": settings.SITE_NAME, "name": comment.name, "headline": comment.article.headline}
    if subscription.kind == Subscription.Kind.REPLIES:
        subject = _("[%(site)s] %(name)s replied to your comment") % words
        opening = _("%(name)s replied to your comment on “%(headline)s”:") % words
    else:
        subject = _("[%(site)s] New comment on “%(headline)s”") % words
        opening = _("%(name)s commented on “%(headline)s”:") % words
    unsubscribe = unsubscribe_url(subscription, site_root)
    body = "\n".join(
        [
            opening,
            "",
            comment.text,
            "",
            _("Read it and reply: %(link)s") % {"link": link},
            "",
            _("You get this mail because you asked for it when you commented."),
            _("Stop these mails: %(link)s") % {"link": unsubscribe},
            _("All your subscriptions: %(link)s") % {"link": manage_url(address, site_root)},
        ]
    )
    outbox.enqueue(
        address.email,
        subject,
        body,
        purpose="notification",
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
