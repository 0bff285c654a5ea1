"""Pictures inside a story's text: only the media library's, drawn with its renditions.

An editor inserts a library picture (TinyMCE's image button lists the library, or the
library's page gives the tag to paste), which the body stores as a plain
`<img src="/media/pictures/<digest>.jpg" alt="...">`; articles/sanitize.py drops any other
image when the body is saved. When the story is shown, each library image
becomes a <picture> with the renditions of the picture's whole frame, and a picture standing in
its own paragraph becomes a <figure> with the library's caption and credit (`body_with_pictures`).
"""

import re
from functools import partial

import bleach
from bleach.html5lib_shim import Filter
from markupsafe import Markup

from .picture_markup import STORY_SIZES, picture_elements
from .pictures import Picture
from .renditions import WHOLE
from .sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, library_name

TAGS = ("StartTag", "EmptyTag")
# The elements of a story's body that may hold a <figure>; any other holds only running text.
FLOW_PARENTS = {"blockquote", "li", "td", "th"}


def body_with_pictures(body):
    """A saved (already sanitized) story body, ready to show, with its library pictures drawn.
    A body without one costs nothing: no query, no parsing."""
    if "<img" not in body:
        return Markup(body)
    # The sanitizer kept only library images; one query finds them all.
    names = {library_name(src) for src in re.findall(r'src="([^"]*)"', body)} - {None}
    pictures = Picture.objects.by_files(names)
    cleaner = bleach.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        strip=True,
        filters=[partial(LibraryPicturesDrawn, pictures=pictures)],
    )
    return Markup(cleaner.clean(body))


class LibraryPicturesDrawn(Filter):
    """Turn each library <img> into its <picture>; one alone in a paragraph into a <figure>."""

    def __init__(self, source, pictures):
        super().__init__(source)
        self.pictures = pictures

    def __iter__(self):
        tokens = list(super().__iter__())
        open_tags = []  # the elements the current token is inside, outermost first
        index = 0
        while index < len(tokens):
            token = tokens[index]
            kind, name = token["type"], token.get("name")
            if kind == "StartTag" and name == "p" and self._takes_figure(open_tags):
                alone = self._alone_in_paragraph(tokens, index)
                if alone is not None:
                    image, index = alone
                    yield from self._figure(image)
                    continue
            if kind in TAGS and name == "img":
                picture = self._picture_of(token)
                if picture is None:
                    pass
                elif self._takes_figure(open_tags):
                    yield from self._figure(token)
                else:
                    yield from self._picture(token, picture)
                index += 1
                continue
            if kind == "StartTag":
                open_tags.append(name)
            elif kind == "EndTag" and name in open_tags:
                del open_tags[len(open_tags) - 1 - open_tags[::-1].index(name) :]
            yield token
            index += 1

    @staticmethod
    def _takes_figure(open_tags):
        """A <figure> may go here: not inside a figure, nor inside running text."""
        return "figure" not in open_tags and (not open_tags or open_tags[-1] in FLOW_PARENTS)

    def _alone_in_paragraph(self, tokens, start):
        """(the image, the index after </p>) if the paragraph at `start` holds only an image,
        else None."""
        inside = []
        index = start + 1
        while index < len(tokens) and not (
            tokens[index]["type"] == "EndTag" and tokens[index]["name"] == "p"
        ):
            token = tokens[index]
            if token["type"] != "SpaceCharacters":
                inside.append(token)
            index += 1
        if len(inside) != 1 or inside[0]["type"] not in TAGS or inside[0]["name"] != "img":
            return None
        return inside[0], index + 1

    def _picture_of(self, token):
        return self.pictures.get(library_name(token["data"].get((None, "src"), "")))

    def _picture(self, token, picture):
        alt = token["data"].get((None, "alt"), "").strip()
        # TinyMCE's image list fills an empty description with the title it listed the picture
        # by, which is for finding it, not a description: the library's alt text stands.
        if alt in ("", picture.title):
            alt = picture.alt_text
        yield {"type": "StartTag", "name": "picture", "data": {}}
        for tag, attributes in picture_elements(picture.source, alt, WHOLE, STORY_SIZES):
            data = {(None, key): value for key, value in attributes.items()}
            yield {"type": "EmptyTag", "name": tag, "data": data}
        yield {"type": "EndTag", "name": "picture"}

    def _figure(self, token):
        picture = self._picture_of(token)
        if picture is None:
            return
        yield {"type": "StartTag", "name": "figure", "data": {(None, "class"): "body-picture"}}
        yield from self._picture(token, picture)
        if picture.caption or picture.credit:
            yield {"type": "StartTag", "name": "figcaption", "data": {}}
            if picture.caption:
                yield {"type": "Characters", "data": picture.caption}
            if picture.credit:
                if picture.caption:
                    yield {"type": "SpaceCharacters", "data": " "}
                yield {"type": "StartTag", "name": "span", "data": {(None, "class"): "credit"}}
                yield {"type": "Characters", "data": picture.credit}
                yield {"type": "EndTag", "name": "span"}
            yield {"type": "EndTag", "name": "figcaption"}
        yield {"type": "EndTag", "name": "figure"}
