"""Template tags for comments: the section under a story, and the admin's pending count."""

from django import template

from .. import threads
from ..models import Comment
from ..section import section_context

register = template.Library()


@register.inclusion_tag("comments/section.html", takes_context=True)
def comment_section(context, article):
    """The comments under `article`: the approved threads, then the form or a closed notice.

    A view sending a rejected post back puts the bound form in `comment_form` (and the text of
    a post refused because the story closed in `comment_refused_text`).
    """
    return section_context(
        context["request"],
        article,
        form=context.get("comment_form"),
        refused_text=context.get("comment_refused_text"),
    )


@register.simple_tag
def pending_comment_count():
    return Comment.objects.pending().count()


@register.simple_tag
def comments_page_url(article, number, anchor="comments", reply_to=None):
    """`{% comments_page_url article 2 %}`: the address of a page of a story's comments."""
    return threads.page_url(article, number, anchor, reply_to)
