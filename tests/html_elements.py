"""Reading a page's elements without an HTML library: each start tag with its attributes."""

from html.parser import HTMLParser


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def elements(html, tag=None, **attributes):
    """The attributes of every `tag` element (any tag when None) whose attributes include
    `attributes` (a value of True only asks that the attribute be there)."""
    parser = _Elements()
    parser.feed(html)
    return [
        attrs
        for name, attrs in parser.found
        if (tag is None or name == tag)
        and all(
            key in attrs if value is True else attrs.get(key) == value
            for key, value in attributes.items()
        )
    ]
