"""The allowlist that article bodies are cleaned against before they are stored.

Editors paste from word processors and other sites, so the body is treated as untrusted:
only the markup a news story needs survives. Scripts, styles, event handlers, inline
`style` attributes and `javascript:` URLs never do.
"""

import re

import bleach

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
    "img": ["src", "alt", "width", "height"],
    "th": ["scope", "colspan", "rowspan"],
    "td": ["colspan", "rowspan"],
}
ALLOWED_PROTOCOLS = {"http", "https", "mailto"}

# bleach strips disallowed tags but keeps their text; the text of a script or style
# block is never prose, so it goes with its tags.
SCRIPT_OR_STYLE_BLOCK = re.compile(
    r"<(script|style|noscript|template)\b.*?(</\1\s*>|$)", re.IGNORECASE | re.DOTALL
)

_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
)


def sanitize_body(html):
    """Return `html` reduced to the news-writing allowlist; safe to render unescaped."""
    return _cleaner.clean(SCRIPT_OR_STYLE_BLOCK.sub("", html or "")).strip()
