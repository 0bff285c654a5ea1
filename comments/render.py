"""How a comment's plain text becomes the HTML readers see.

Readers type plain text, never markup: everything they type is escaped, blank lines make
paragraphs, single line breaks are kept, and web addresses become links marked
`rel="nofollow ugc noopener"` so the site lends them no search ranking and no window access.
bleach finds the links and cleans the result against a three-tag allowlist as a last guard.
"""

import re

import bleach
from bleach.linkifier import Linker, build_url_re
from django.utils.html import escape

READER_LINK_REL = "nofollow ugc noopener"
WEB_PROTOCOLS = ["http", "https"]
# Only web addresses are linked; mailto:, ftp:, data: and friends stay plain text.
WEB_ADDRESS = build_url_re(protocols=WEB_PROTOCOLS)
BLANK_LINES = re.compile(r"\n[ \t\u00a0]*\n\s*")


def _reader_link(attrs, new=False):
    href = attrs.get((None, "href"), "")
    if not href.lower().startswith(("http://", "https://")):
        return None  # bleach then leaves the address as plain text
    attrs[(None, "rel")] = READER_LINK_REL
    attrs.pop((None, "target"), None)
    return attrs


_linker = Linker(url_re=WEB_ADDRESS, callbacks=[_reader_link], parse_email=False)
_cleaner = bleach.Cleaner(
    tags={"p", "br", "a"},
    attributes={"a": ["href", "rel"]},
    protocols=WEB_PROTOCOLS,
    strip=True,
)


def render_comment_text(text):
    """Return safe HTML for the plain `text` a reader typed."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    paragraphs = [part.strip() for part in BLANK_LINES.split(text) if part.strip()]
    html = "".join(
        "<p>{}</p>".format(escape(paragraph).replace("\n", "<br>")) for paragraph in paragraphs
    )
    return _cleaner.clean(_linker.linkify(html))


def count_web_addresses(text):
    """How many links the text would show once rendered."""
    return sum(1 for _match in WEB_ADDRESS.finditer(text or ""))
