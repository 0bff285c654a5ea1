"""Retire the cached page of a story when its comments change (see newsroom/pagecache.py).

Connected in CommentsConfig.ready(). Bulk moderation runs one UPDATE, which sends no signal;
CommentQuerySet.moderate() retires the pages itself.
"""

from newsroom.pagecache import retire_story_pages


def comment_changed(sender, instance, **kwargs):
    retire_story_pages(instance.article.slug)
