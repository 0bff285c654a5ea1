"""Turning an address an editor pasted into a story into an embed, when the story is saved.

The rule: a paragraph that holds nothing but an address (typed, or the link the editor turns
it into) is a request to embed it. If an active provider answers the address, the paragraph
becomes a marker, `<figure data-embed="<pk>"><a href="...">...</a></figure>`, pointing at an
`Embed` row with what the provider said about it (title, author, our own copy of the
thumbnail), asked once here and never by a reader's page. The link inside the marker is what
feeds and anything else that ignores the marker show. An address no provider answers becomes a
plain link. Embeds whose marker is no longer in the body are deleted.

Called after every saved story commits (story_saved, connected in apps.py: articles never
imports consent), never inside a transaction: a provider may take seconds to answer.
"""

import html
import logging
import re
from functools import partial
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from articles.pictures import store_unlisted_picture
from newsroom.models import SITE_SCOPE, PageGeneration

from .embed_fetching import FetchRefused, fetch, fetch_json
from .models import Embed, EmbedProvider

logger = logging.getLogger("consent.embeds")

# The body is already sanitized (articles/sanitize.py), so a paragraph is plain `<p>` and a link
# `<a href="...">`, attribute values quoted with ".
PASTED_ADDRESS = re.compile(
    r'<p>\s*(?:<a href="(?P<href>https?://[^"<>\s]{1,500})"(?: title="[^"]*")?>'
    r"\s*(?P<text>[^<]{1,500}?)\s*</a>|(?P<bare>https?://[^\s<>\"]{1,500}))\s*</p>"
)
MARKER = re.compile(r'<figure data-embed="(?P<pk>[0-9]{1,10})">.*?</figure>', re.DOTALL)
# The most we download of a provider's thumbnail; what is kept of it is the picture pipeline's
# rule (articles/picture_uploads.py), as for any upload.
THUMBNAIL_MAX_BYTES = 5 * 1024 * 1024
THUMBNAIL_FOLDER = "embeds"
TITLE_LENGTH = Embed._meta.get_field("title").max_length
AUTHOR_LENGTH = Embed._meta.get_field("author_name").max_length


def pasted_address(match):
    """The address a paragraph holds, or None when it is a link whose text says otherwise."""
    if match["bare"]:
        return html.unescape(match["bare"])
    href, text = html.unescape(match["href"]), html.unescape(match["text"]).strip()
    return href if text == href else None


def marker(embed):
    link = html.escape(embed.url)
    return f'<figure data-embed="{embed.pk}"><a href="{link}">{link}</a></figure>'


def embed_pasted_addresses(article):
    """Replace pasted addresses in the story's body with embeds (see the module rule), store
    the new body and put it on `article`; returns the body.

    Two steps, so no database lock is held while a provider answers (up to 10 s; on SQLite a
    write lock stalls every comment and consent record on the site): the providers are asked
    with no transaction open, then the embeds and the body are stored in a short transaction
    of their own, applied to the body as it is then (an editor may have saved again)."""
    body = type(article).objects.filter(pk=article.pk).values_list("body", flat=True).first()
    if body is None or ("http" not in body and "data-embed" not in body):
        return body
    known = set(Embed.objects.filter(article=article).values_list("url", flat=True))
    described = {}
    for match in PASTED_ADDRESS.finditer(body):
        url = pasted_address(match)
        if url is None or url in known or url in described:
            continue
        found = EmbedProvider.objects.matching(url)
        described[url] = None if found is None else (*found, describe(found[0], url))
    with transaction.atomic():
        return _store(article, described)


def _store(article, described):
    """Write what the providers said into the story's current body (the short transaction)."""
    stories = type(article).objects.filter(pk=article.pk)
    body = stories.select_for_update(of=("self",)).values_list("body", flat=True).first() or ""
    embeds = {embed.url: embed for embed in Embed.objects.filter(article=article)}

    def replace(match):
        url = pasted_address(match)
        if url in embeds:
            return marker(embeds[url])
        if url not in described:
            # Pasted by a save that committed after this one asked the providers: that
            # save's own turn embeds it.
            return match[0]
        if described[url] is None:
            link = html.escape(url)
            return f'<p><a href="{link}">{link}</a></p>'
        provider, frame_url, fields = described[url]
        embeds[url] = Embed.objects.create(
            article=article, url=url, provider=provider, frame_url=frame_url, **fields
        )
        return marker(embeds[url])

    new_body = PASTED_ADDRESS.sub(replace, body)
    kept = {int(pk) for pk in MARKER.findall(new_body)}
    Embed.objects.filter(article=article).exclude(pk__in=kept).delete()
    if new_body != body:
        # update(): a second save would sanitize, version and index the story again, and send
        # post_save, which would start this all over. The story's own save retired its pages
        # before the body changed here, so retire them again.
        stories.update(body=new_body)
        PageGeneration.objects.bump(SITE_SCOPE)
    article.body = new_body
    return new_body


def describe(provider, url):
    """Ask the provider's oEmbed endpoint for the title, author and thumbnail of `url`, and keep
    our own copy of the thumbnail; returns the embed's fields. A provider that fails leaves
    them empty: the placeholder then shows the provider's name and the address.

    The thumbnail is checked and stripped of its metadata like any upload, and stored as a
    source of the picture pipeline's renditions, without a media library entry
    (docs/embeds.md says why); one the pipeline refuses leaves the embed without a thumbnail."""
    fields = {"fetched_at": timezone.now()}
    if not provider.oembed_endpoint:
        return fields
    query = urlencode({"url": url, "format": "json", "maxwidth": 1280})
    try:
        answer = fetch_json(f"{provider.oembed_endpoint}?{query}")
    except FetchRefused as error:
        logger.warning("oEmbed for %s failed: %s", url, error)
        answer = {}
    fields["title"] = str(answer.get("title") or "")[:TITLE_LENGTH]
    fields["author_name"] = str(answer.get("author_name") or "")[:AUTHOR_LENGTH]
    thumbnail_url = answer.get("thumbnail_url")
    if isinstance(thumbnail_url, str) and thumbnail_url:
        try:
            data = fetch(thumbnail_url, THUMBNAIL_MAX_BYTES)
            source = store_unlisted_picture(data, THUMBNAIL_FOLDER)
        except (FetchRefused, ValidationError) as error:
            logger.warning("Thumbnail for %s not kept: %s", url, error)
        else:
            fields |= {
                "thumbnail": source.name,
                "thumbnail_width": source.width,
                "thumbnail_height": source.height,
            }
    fields["fetched_at"] = timezone.now()
    return fields


def story_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """post_save of a story (connected in apps.py): embed what was pasted once the save has
    committed (at once outside a transaction), so that asking the providers holds no lock.
    The admin's save commits before it answers, so the editor's next page shows the embeds."""
    if raw or (update_fields is not None and "body" not in update_fields):
        return
    if "http" not in (instance.body or ""):
        # No address and so no marker left (each holds its link): nothing to ask a provider,
        # only embeds whose markers were all removed to delete.
        Embed.objects.filter(article=instance).delete()
        return
    transaction.on_commit(partial(embed_pasted_addresses, instance), robust=True)
