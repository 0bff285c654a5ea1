"""The preview of a comment held for moderation: shown to the browser that posted it, no other.

A held comment is not public, yet its poster should see that it arrived. The preview under
the story is shown only when two things agree:
- the link the poster is sent to after posting names the comment in a signed token
  (`?held=`) that expires after `PREVIEW_SECONDS`;
- the poster's browser carries the `newsroom_held` cookie, set by the response to the post,
  naming the comments held for it in the last `PREVIEW_SECONDS`.
A copied or leaked link therefore shows anyone else nothing; that is what lets the preview
say "only you can see this".

The cookie is Necessary (declared by consent migration 0003): it only carries out what the
poster asked for by posting, lasts as long as the preview, holds comment ids and nothing
about the person, is HttpOnly because no script needs it and SameSite=Lax so it comes back
on the redirect after the post. Pages are never shared from the cache for such a request:
the page cache renders afresh any request carrying a `?held=` parameter or a cookie it does
not know (newsroom/pagecache.py), so no other reader can be served a page with a preview.
"""

from django.core import signing

from newsroom.signed_cookies import get_signed, load_token, set_signed

from . import threads
from .models import Comment

PARAMETER = "held"
TOKEN_SALT = "comments.held-preview"
COOKIE_NAME = "newsroom_held"
COOKIE_SALT = "comments.held-browser"
# Long enough to read your own comment after posting it; short enough that an unmoderated
# comment does not linger on a shared computer.
PREVIEW_SECONDS = 10 * 60
# Someone posting several held comments in a row sees each; the cookie stays small.
COOKIE_MAX_COMMENTS = 10


def preview_url(article, comment):
    """Where the poster of held `comment` is sent: its story, scrolled to the preview."""
    token = signing.dumps(comment.pk, salt=TOKEN_SALT)
    return f"{article.get_absolute_url()}?{PARAMETER}={token}#{comment.anchor}"


def held_ids(request):
    """The ids of the held comments this browser posted in the last `PREVIEW_SECONDS`."""
    ids = get_signed(request, COOKIE_NAME, salt=COOKIE_SALT, max_age=PREVIEW_SECONDS)
    if not isinstance(ids, list):
        return []
    return [comment_id for comment_id in ids if isinstance(comment_id, int)]


def let_poster_preview(request, response, comment):
    """Give the browser that posted held `comment` the cookie that lets it see the preview."""
    earlier = [comment_id for comment_id in held_ids(request) if comment_id != comment.pk]
    ids = [comment.pk, *earlier][:COOKIE_MAX_COMMENTS]
    set_signed(request, response, COOKIE_NAME, ids, salt=COOKIE_SALT, max_age=PREVIEW_SECONDS)


def held_comment(request, article):
    """The reader's own pending comment on `article`, when both the link they followed and
    their browser's cookie name it; otherwise None."""
    comment_id = load_token(request.GET.get(PARAMETER), salt=TOKEN_SALT, max_age=PREVIEW_SECONDS)
    if not isinstance(comment_id, int) or comment_id not in held_ids(request):
        return None
    return (
        Comment.objects.pending()
        .filter(pk=comment_id, article=article)
        .only(*threads.PUBLIC_FIELDS)
        .first()
    )
