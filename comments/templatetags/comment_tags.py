"""The admin's count of comments awaiting moderation (comments/admin_index.html)."""

from django import template

from ..models import Comment

register = template.Library()


@register.simple_tag
def pending_comment_count():
    return Comment.objects.pending().count()
