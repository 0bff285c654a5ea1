"""Functions for reader templates: the comment section under a story (newsroom/templating.py).

The story page calls `comment_section(article)`, so the articles app never has to know how
comments are fetched or drawn. It is the one place that decides what of the section is kept
and what is drawn for each reader, in one straight path:
1. the story's comment generation, and the counts of its threads and comments kept under it;
2. what this reader is shown (section.py), computed from those counts;
3. what the page cache must know about the page (a clamped page number, the closing time);
4. the pieces the same for every reader, kept under the generation: the page of threads and,
   when the form is blank, the form's fields; anything else is drawn for this reader;
5. `comments/section.html` around them: the held and own comments, the form's hidden values.
"""

from jinja2 import pass_context
from markupsafe import Markup

from newsroom.copies import kept
from newsroom.pagecache import comment_generation, keep_out_of_cache, page_changes_at

from . import threads
from .section import section_context


@pass_context
def comment_section(context, article):
    """The comments under `article`: the approved threads, then the form or a closed notice.

    A view sending a rejected post back puts the bound form in `comment_form` (and the text of
    a post refused because the story closed in `comment_refused_text`).
    """
    request = context["request"]
    environment = context.environment
    generation = comment_generation(request, article)
    counts = kept(
        "comment-counts",
        threads.is_counts,
        lambda: threads.read_counts(article),
        owner=article,
        generations=[generation],
    )
    section = section_context(
        request,
        article,
        counts,
        form=context.get("comment_form"),
        refused_text=context.get("comment_refused_text"),
    )

    if section["page_number_clamped"]:
        keep_out_of_cache(request)
    if section["is_open"]:
        # The form disappears when the story closes: a cached copy must not outlive that.
        page_changes_at(request, section["closes_at"])
    # Quiet hours start and end by the clock: the form or the notice goes with them.
    page_changes_at(request, section["quiet_hours_change_at"])

    def kept_html(kind, draw, *parts):
        """The HTML `draw()` makes, kept under the story's comment generation, its page of
        threads and whether it is open (and `parts`). Anything but text found is a miss: the
        store may be shared."""
        return Markup(
            kept(
                kind,
                lambda html: isinstance(html, str),
                draw,
                owner=article,
                generations=[generation],
                parts=[section["page"].number, section["is_open"], *parts],
            )
        )

    # The threads are the same for every reader until a comment on the story changes, and
    # drawing them is most of the section's cost; they see only the section's values and
    # what threads.drawing_values() looks up for the page being drawn.
    pieces = {
        "threads": kept_html(
            "comment-threads",
            lambda: environment.get_template("comments/threads.html").render(
                {**section, **threads.drawing_values(article, section["page"].number)}
            ),
        )
    }
    if section["is_open"]:
        form_context = {**context.get_all(), **section}
        form_fields = environment.get_template("comments/form_fields.html")

        def draw_form_fields():
            return form_fields.render(form_context)

        # A blank form (not a reply, nothing remembered, no errors) is the same for every
        # reader of the story page in one language; the CSRF token, the form token and the
        # parent stay outside it, in comments/section.html.
        pieces["form_fields"] = (
            kept_html(
                "comment-form", draw_form_fields, section["can_remember"], section["closes_at"]
            )
            if section["blank_form"]
            else Markup(draw_form_fields())
        )
    template = environment.get_template("comments/section.html")
    return Markup(template.render({**context.get_all(), **section, **pieces}))


GLOBALS = {
    "comment_section": comment_section,
    "comments_page_url": threads.page_url,
}
