"""Retire the cached page of a story when its comments change (see articles/pagecache.py).

Connected in CommentsConfig.ready(). Bulk moderation runs one UPDATE, which sends no signal;
CommentQuerySet.moderate() retires the pages itself.
"""

from articles.pagecache import retire_story_pages


def comment_changed(sender, instance, **kwargs):
    retire_story_pages(instance.article.slug)
