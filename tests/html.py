"""Read a page as elements, so assertions do not depend on attribute order or whitespace.

    page = parse(response.content.decode())
    switch = page.find("input", role="switch", id="consent-dialog-functional")
    assert switch.has("checked") and not switch.has("disabled")

Attribute filters: ``class_`` and other trailing underscores are dropped and the remaining
underscores become hyphens (``aria_describedby``, ``data_consent_open``). A string must equal
the attribute (for ``class_``: every class it names must be present), a compiled regular
expression must match all of it, ``True`` means present, ``False`` means absent. ``text=`` matches
the element's text. Values and text are compared with entities decoded, text with whitespace
collapsed.
"""

import re
from html.parser import HTMLParser

from django.test import SimpleTestCase

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
_WHITESPACE = re.compile(r"\s+")


def assert_in_html(needle, haystack, count=None):
    """Django's assertInHTML: the fragment occurs in the page, compared as parsed HTML."""
    SimpleTestCase().assertInHTML(needle, haystack, count=count)


def _attribute(name):
    return name.rstrip("_").replace("_", "-")


class Element:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    def __repr__(self):
        attrs = "".join(f" {k}" if v is None else f' {k}="{v}"' for k, v in self.attrs.items())
        return f"<{self.tag}{attrs}>{self.text[:60]}"

    def __getitem__(self, name):
        return self.attrs[name]

    def get(self, name, default=None):
        return self.attrs.get(name, default)

    def has(self, name):
        return name in self.attrs

    @property
    def classes(self):
        return set((self.attrs.get("class") or "").split())

    @property
    def text(self):
        """The text inside, entities decoded and whitespace collapsed."""
        return _WHITESPACE.sub(" ", self.raw_text).strip()

    @property
    def raw_text(self):
        """The text inside exactly as written (a script's source, for one)."""
        return "".join(self._strings())

    def _strings(self):
        for child in self.children:
            yield from [child] if isinstance(child, str) else child._strings()

    def iter(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def matches(self, tag=None, text=None, **attrs):
        if tag is not None and self.tag != tag or text is not None and self.text != text:
            return False
        for key, wanted in attrs.items():
            name = _attribute(key)
            if isinstance(wanted, re.Pattern):
                if name not in self.attrs or not wanted.fullmatch(self.attrs[name] or ""):
                    return False
            elif wanted is True or wanted is False:
                if (name in self.attrs) is not wanted:
                    return False
            elif name == "class":
                if not set(wanted.split()) <= self.classes:
                    return False
            elif self.attrs.get(name) != wanted:
                return False
        return True

    def find_all(self, tag=None, **filters):
        return [element for element in self.iter() if element.matches(tag, **filters)]

    def find(self, tag=None, **filters):
        """The first matching element below this one, or None."""
        return next((e for e in self.iter() if e.matches(tag, **filters)), None)

    def one(self, tag=None, **filters):
        """The only matching element below this one; fails the test if there are none or several."""
        found = self.find_all(tag, **filters)
        assert len(found) == 1, f"expected one <{tag}> with {filters}, found {len(found)}: {found}"
        return found[0]


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Element(None, {})

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs), self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, dict(attrs), self.current))

    def handle_endtag(self, tag):
        open_element = self.current
        while open_element.tag is not None and open_element.tag != tag:
            open_element = open_element.parent
        if open_element.tag is not None:  # close it and anything left open inside it
            self.current = open_element.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html):
    """The document as a tree of Elements under a root with tag None."""
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


def find_all(html, tag=None, **filters):
    return parse(html).find_all(tag, **filters)


def find(html, tag=None, **filters):
    return parse(html).find(tag, **filters)


def one(html, tag=None, **filters):
    return parse(html).one(tag, **filters)


def assert_has_element(html, tag=None, **filters):
    """The page (a string or an Element) has a matching element; returns the first."""
    found = (parse(html) if isinstance(html, str) else html).find(tag, **filters)
    assert found is not None, f"no <{tag}> with {filters}"
    return found
