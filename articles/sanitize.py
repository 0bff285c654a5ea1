"""The allowlist that article bodies are cleaned against before they are stored.

Editors paste from word processors and other sites, so the body is treated as untrusted:
only the markup a news story needs survives. Scripts, styles, event handlers, inline
`style` attributes and `javascript:` URLs never do, nor any image but the media library's
(articles/body_pictures.py draws those).
"""

import re
from urllib.parse import urlsplit

import bleach
from bleach.html5lib_shim import Filter
from django.conf import settings

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "a", "strong", "em", "b",
    "i", "s", "sub", "sup", "code", "pre", "cite", "q", "abbr", "hr", "figure", "figcaption",
    "img", "table", "thead", "tbody", "tr", "th", "td", "caption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": ["href", "title"],
    # An embed's place (consent/embedding.py); the story page draws it, feeds show its link.
    "figure": ["data-embed"],
    "abbr": ["title"],
    # Library pictures only (below); their size comes from the library.
    "img": ["src", "alt"],
    "th": ["scope", "colspan", "rowspan"],
    "td": ["colspan", "rowspan"],
}
ALLOWED_PROTOCOLS = {"http", "https", "mailto"}

# bleach strips disallowed tags but keeps their text; the text of a script or style
# block is never prose, so it goes with its tags.
SCRIPT_OR_STYLE_BLOCK = re.compile(
    r"<(script|style|noscript|template)\b.*?(</\1\s*>|$)", re.IGNORECASE | re.DOTALL
)

# A media library file (articles/pictures.py): a digest of its bytes, as stored.
LIBRARY_FILE = re.compile(r"^pictures/[0-9a-f]{32}\.(?:jpg|png)$")


def library_name(src):
    """The stored name of the library picture `src` points at, or None if it points elsewhere."""
    address, media = urlsplit(src or ""), urlsplit(settings.MEDIA_URL)
    if address.query or address.fragment or address.netloc not in ("", media.netloc):
        return None
    if address.scheme not in ("", "http", "https") or not address.path.startswith(media.path):
        return None
    name = address.path[len(media.path) :]
    return name if LIBRARY_FILE.match(name) else None


class LibraryImagesOnly(Filter):
    """Drop every <img> that is not a media library picture. A picture from another host would
    tell that host who reads the story, and when (and could change after it was checked)."""

    def __iter__(self):
        for token in super().__iter__():
            is_image = token["type"] in ("StartTag", "EmptyTag") and token["name"] == "img"
            if not is_image or library_name(token["data"].get((None, "src"))) is not None:
                yield token


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[LibraryImagesOnly],
)


def sanitize_body(html):
    """Return `html` reduced to the news-writing allowlist; safe to render unescaped."""
    return _cleaner.clean(SCRIPT_OR_STYLE_BLOCK.sub("", html or "")).strip()
