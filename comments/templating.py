"""Functions for reader templates: the comment section under a story (newsroom/templating.py).

The story page calls `comment_section(article)`, so the articles app never has to know how
comments are fetched or drawn.
"""

from jinja2 import pass_context
from markupsafe import Markup

from newsroom.copies import kept

from . import threads
from .section import section_context


@pass_context
def comment_section(context, article):
    """The comments under `article`: the approved threads, then the form or a closed notice.

    A view sending a rejected post back puts the bound form in `comment_form` (and the text of
    a post refused because the story closed in `comment_refused_text`).
    """
    section = section_context(
        context["request"],
        article,
        form=context.get("comment_form"),
        refused_text=context.get("comment_refused_text"),
    )
    section["threads"] = _threads_html(context.environment, section)
    template = context.environment.get_template("comments/section.html")
    return Markup(template.render({**context.get_all(), **section}))


def _threads_html(environment, section):
    """The page's approved threads, rendered once per comment generation and language: they
    are the same for every reader, and most of the section's cost."""
    return _kept_html(
        "comment-threads",
        section,
        lambda: environment.get_template("comments/threads.html").render(section),
    )


@pass_context
def comment_form_fields(context):
    """The comment form but its hidden values: heading, notes, fields and button.

    A blank form (not a reply, nothing remembered, no errors) is the same for every reader of
    a story page in one language, so it is drawn once per story comment generation; the CSRF
    token, the form token and the parent stay outside it, in comments/form.html.
    """
    template = context.environment.get_template("comments/form_fields.html")
    if not context["blank_form"]:
        return Markup(template.render(context.get_all()))
    closes_at = context["closes_at"]
    return _kept_html(
        "comment-form",
        context,
        lambda: template.render(context.get_all()),
        context["can_remember"],
        closes_at,
    )


def _kept_html(kind, section, render, *parts):
    """HTML of a piece of `section`'s story kept in the page store for the story's comment
    generation, its page of threads and whether it is open (and `parts`), or `render()`'s.
    Anything but text found there is a miss: the store may be shared."""
    return Markup(
        kept(
            kind,
            lambda html: isinstance(html, str),
            render,
            owner=section["article"],
            generations=[section["comment_generation"]],
            parts=[section["page"].number, section["is_open"], *parts],
        )
    )


GLOBALS = {
    "comment_form_fields": comment_form_fields,
    "comment_section": comment_section,
    "comments_page_url": threads.page_url,
}
