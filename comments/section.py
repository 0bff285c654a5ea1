"""What the comment section under a story shows, gathered in one place.

`section_context()` works out the facts for one reader: the page of threads, whether the story
takes comments, the form and its hidden values, the reader's held and own comments. It keeps
and draws nothing: comments/templating.py, which the story page calls, decides what is kept
and draws `comments/section.html` with these values.
"""

from django.utils.functional import SimpleLazyObject

from newsroom.addresses import url

from . import closing, editing, held, quiet_hours, remember, spam, threads
from .forms import CommentForm
from .models import Comment


def _comment_id(value):
    """The comment id written in `value`, or None. Unlike a page number, which falls back to
    page 1, a malformed id names no comment: "abc", "0" or "-1" must not reply to comment 1."""
    # Plain ASCII digits only (int() would also take " 7", "+7", "7_0" and Arabic-Indic
    # digits), and no more of them than a database id can hold.
    if not value or len(value) > 18 or not (value.isascii() and value.isdigit()):
        return None
    return int(value) or None


def _reply_target(request, article, page):
    """The comment named by ?replyto=, if it is public, on this story and open to replies."""
    comment_id = _comment_id(request.GET.get(threads.REPLY_PARAMETER))
    if comment_id is None:
        return None
    comment = page.comments_by_id.get(comment_id)
    if comment is None:
        comment = (
            Comment.objects.public()
            .filter(pk=comment_id, article=article)
            .only(*threads.PUBLIC_FIELDS)
            .first()
        )
    return comment if comment is not None and comment.accepts_replies else None


def section_context(request, article, counts, form=None, refused_text=None):
    """Template context for the comment section under `article`, whose threads and public
    comments `counts` counts (threads.read_counts).

    `form` is the bound form when a post is being sent back with errors; `refused_text` is
    what a reader tried to post after the story closed, shown so they can keep a copy.
    """
    requested = request.GET.get(threads.PAGE_PARAMETER)
    page = threads.thread_page(article, counts, requested)
    story_open = closing.accepts_comments(article)
    # During quiet hours an open story shows when comments reopen instead of the form.
    reopens_at = quiet_hours.reopens_at() if story_open else None
    is_open = story_open and reopens_at is None
    can_remember = remember.functional_cookies_allowed(request)
    reply_to = None
    blank_form = False
    hidden_values = {}
    if is_open and form is None:
        reply_to = _reply_target(request, article, page)
        initial = remember.remembered_details(request)
        if initial:
            initial["remember"] = True
        if reply_to is not None:
            initial["parent"] = reply_to.pk
        # A blank form is drawn from its kept copy (templating.py), so the form itself is made
        # only when that copy has to be drawn.
        blank_form = not initial
        form = SimpleLazyObject(
            lambda: CommentForm.blank(article, initial=initial, can_remember=can_remember)
        )
        hidden_values = {
            "parent": initial.get("parent"),
            "token": spam.issue_form_token(article.pk),
        }
    elif form is not None:
        reply_to = form.reply_to
        hidden_values = {"parent": form["parent"].value(), "token": form["token"].value()}
    held_comment = held.held_comment(request, article)
    own = editing.own_comments(request, page.comments_by_id, held_comment)
    return {
        "article": article,
        "page": page,
        # Shown as the page it was clamped to, which has an address of its own.
        "page_number_clamped": requested is not None and requested != str(page.number),
        "is_open": is_open,
        # Only a signed-in editor's form carries a CSRF token (see newsroom/crossorigin.py).
        "signed_in": request.user.is_authenticated,
        "form": form,
        "blank_form": blank_form,
        # The form's hidden fields, written by comments/section.html outside the kept copy.
        "hidden_values": hidden_values,
        "reply_to": reply_to,
        "can_remember": can_remember,
        "held_comment": held_comment,
        # Shown only to the browser holding the author cookie, a personal cookie: pages
        # carrying these controls are never shared (see editing.py).
        "own_comments": [c for c in own if c is not held_comment],
        "refused_text": refused_text,
        "post_url": url("comments:post", article.pk),
        "article_url": article.get_absolute_url(),
        "closes_at": closing.closes_at(article) if is_open else None,
        "reopens_at": reopens_at,
        "quiet_hours_change_at": quiet_hours.next_change() if story_open else None,
        "is_published": article.is_published(),
    }
