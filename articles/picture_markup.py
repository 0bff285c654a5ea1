"""The <picture> element readers get: AVIF and WebP renditions at several widths with a JPEG
(or PNG) fallback, so the browser downloads the smallest file that fills the slot on its screen.

`width` and `height` reserve the space before the file arrives (no layout shift); pictures
below the fold wait until they are near (`loading="lazy"`), and the story's lead image, which
is what Largest Contentful Paint measures, is asked for first (`fetchpriority="high"`).
"""

from django.utils.html import format_html, format_html_join

from .renditions import fallback_format, renditions_of

# How wide the slots are (static/css/site.css): a story's column is 42rem at most inside the
# page's 1rem margins, a teaser a column of the grid.
STORY_SIZES = "(min-width: 44rem) 42rem, calc(100vw - 2rem)"
TEASER_SIZES = "(min-width: 66rem) 22rem, (min-width: 44rem) 50vw, calc(100vw - 2rem)"


def srcset(renditions):
    return ", ".join(f"{rendition.url} {rendition.width}w" for rendition in renditions)


def picture_elements(source, alt, crop, sizes, *, lead=False):
    """The elements of a <picture> of `source` (articles.renditions.Source) cropped to `crop`,
    as (tag, attributes) pairs: a <source> per modern format, then the <img>.

    `lead` marks the page's main picture: fetched first and never lazily."""
    fallback = renditions_of(source, crop, fallback_format(source))
    largest = fallback[-1]
    elements = [
        (
            "source",
            {"type": renditions[0].content_type, "srcset": srcset(renditions), "sizes": sizes},
        )
        for renditions in (renditions_of(source, crop, "avif"), renditions_of(source, crop, "webp"))
    ]
    image = {
        "src": largest.url,
        "srcset": srcset(fallback),
        "sizes": sizes,
        "alt": alt,
        "width": str(largest.width),
        "height": str(largest.height),
    }
    image.update({"fetchpriority": "high"} if lead else {"loading": "lazy", "decoding": "async"})
    return [*elements, ("img", image)]


def picture_html(source, alt, crop, sizes, *, lead=False):
    """The <picture> of picture_elements(), as HTML."""
    inside = format_html_join(
        "",
        "<{}{}>",
        (
            (tag, format_html_join("", ' {}="{}"', attributes.items()))
            for tag, attributes in picture_elements(source, alt, crop, sizes, lead=lead)
        ),
    )
    return format_html("<picture>{}</picture>", inside)


def lead_picture(article, lead=True):
    """The story page's lead image, cropped to 16:9 around its focal point."""
    unsaved_url = getattr(article.lead_image, "unsaved_url", None)
    if unsaved_url:  # an editor's preview of a picture not stored yet (articles/admin_views.py)
        return format_html('<img src="{}" alt="{}">', unsaved_url, article.lead_image_alt)
    return picture_html(article.lead_source, article.lead_image_alt, "16x9", STORY_SIZES, lead=lead)


def teaser_picture(article):
    """A teaser's picture: decorative there (the headline beside it says where the link goes;
    the link around it is hidden from assistive technology)."""
    return picture_html(article.lead_source, "", "16x9", TEASER_SIZES)
