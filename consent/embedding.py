"""Turning an address an editor pasted into a story into an embed, when the story is saved.

The rule: a paragraph that holds nothing but an address (typed, or the link the editor turns
it into) is a request to embed it. If an active provider answers the address, the paragraph
becomes a marker, `<figure data-embed="<pk>"><a href="...">...</a></figure>`, pointing at an
`Embed` row with what the provider said about it (title, author, our own copy of the
thumbnail), asked once here and never by a reader's page. The link inside the marker is what
feeds and anything else that ignores the marker show. An address no provider answers becomes a
plain link. Embeds whose marker is no longer in the body are deleted.

Called from signals.py on every saved story (articles never imports consent).
"""

import html
import logging
import re
from urllib.parse import urlencode

from django.db import transaction
from django.utils import timezone

from .embed_fetching import FetchRefused, fetch, fetch_json
from .embed_thumbnails import MAX_SOURCE_BYTES, ThumbnailRefused, store_thumbnail
from .models import Embed, EmbedProvider

logger = logging.getLogger("consent.embeds")

# The body is already sanitized (articles/sanitize.py), so a paragraph is plain `<p>` and a link
# `<a href="...">`, attribute values quoted with ".
PASTED_ADDRESS = re.compile(
    r'<p>\s*(?:<a href="(?P<href>https?://[^"<>\s]{1,500})"(?: title="[^"]*")?>'
    r"\s*(?P<text>[^<]{1,500}?)\s*</a>|(?P<bare>https?://[^\s<>\"]{1,500}))\s*</p>"
)
MARKER = re.compile(r'<figure data-embed="(?P<pk>[0-9]{1,10})">.*?</figure>', re.DOTALL)
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
    """Replace pasted addresses in `article.body` with embeds (see the module rule) and store
    the new body; returns the body."""
    body = article.body or ""
    if "http" not in body and "data-embed" not in body:
        return body

    def replace(match):
        url = pasted_address(match)
        if url is None:
            return match[0]
        found = EmbedProvider.objects.matching(url)
        if found is None:
            link = html.escape(url)
            return f'<p><a href="{link}">{link}</a></p>'
        provider, frame_url = found
        embed, created = Embed.objects.get_or_create(
            article=article, url=url, defaults={"provider": provider, "frame_url": frame_url}
        )
        if created:
            describe(embed)
        return marker(embed)

    new_body = PASTED_ADDRESS.sub(replace, body)
    kept = {int(pk) for pk in MARKER.findall(new_body)}
    Embed.objects.filter(article=article).exclude(pk__in=kept).delete()
    if new_body != body:
        # update(): a second save would sanitize, version and index the story again.
        type(article).objects.filter(pk=article.pk).update(body=new_body)
        article.body = new_body
    return new_body


def describe(embed):
    """Ask the provider's oEmbed endpoint for the title, author and thumbnail, and keep our own
    copy of the thumbnail. A provider that fails leaves the embed without them: its placeholder
    then shows the provider's name and the address."""
    provider = embed.provider
    if provider.oembed_endpoint:
        query = urlencode({"url": embed.url, "format": "json", "maxwidth": 1280})
        try:
            answer = fetch_json(f"{provider.oembed_endpoint}?{query}")
        except FetchRefused as error:
            logger.warning("oEmbed for %s failed: %s", embed.url, error)
            answer = {}
        embed.title = str(answer.get("title") or "")[:TITLE_LENGTH]
        embed.author_name = str(answer.get("author_name") or "")[:AUTHOR_LENGTH]
        thumbnail_url = answer.get("thumbnail_url")
        if isinstance(thumbnail_url, str) and thumbnail_url:
            try:
                path, width, height = store_thumbnail(fetch(thumbnail_url, MAX_SOURCE_BYTES))
                embed.thumbnail, embed.thumbnail_width, embed.thumbnail_height = path, width, height
            except (FetchRefused, ThumbnailRefused) as error:
                logger.warning("Thumbnail for %s not kept: %s", embed.url, error)
    embed.fetched_at = timezone.now()
    embed.save()


def story_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """post_save of a story (connected in apps.py): embed what was pasted, in the story's own
    transaction, so both are kept or neither."""
    if raw or (update_fields is not None and "body" not in update_fields):
        return
    with transaction.atomic():
        embed_pasted_addresses(instance)
