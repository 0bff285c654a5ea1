"""Posting a comment, confirming its address, and the permanent link to one.

The rules live elsewhere: forms.py (what a post may contain), moderation.py (what happens to
it), confirmation.py (trusting an address). Changing one's comment is in editing_views.py,
subscriptions in subscription_views.py.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from articles.context_processors import show_sections_in_language
from articles.models import Article
from newsroom.crossorigin import reader_form

from . import (
    closing,
    confirmation,
    editing,
    held,
    people,
    quiet_hours,
    remember,
    spam,
    subscriptions,
    threads,
)
from .client import trace_client
from .forms import TEXT_MAX_LENGTH, CommentForm
from .models import Comment

PUBLISHED_MESSAGE = _("Thank you. Your comment is published.")
# One answer for every held comment, whoever's address it carries: telling a new address from
# a known one would tell anyone who has commented here (see confirmation.py).
HELD_MESSAGE = _(
    "Thank you. Your comment is awaiting moderation and will appear once approved. If your "
    "email address needs confirming, we have sent it a link."
)
CONFIRMED_PUBLISHED_MESSAGE = _(
    "Thank you. Your email address is confirmed. Your comment is published."
)
CONFIRMED_HELD_MESSAGE = _(
    "Thank you. Your email address is confirmed. Your comment is awaiting moderation."
)
INVALID_LINK_MESSAGE = _(
    "This link is not valid any more: it may have expired, or the comment may have been removed."
)


def _story_page(request, article, status, **context):
    # A refused post is answered with the story itself, the reader's text back in the form,
    # its section named in the reader's language as on the story's own page.
    show_sections_in_language(request, [article])
    return render(
        request, "articles/article_detail.html", {"article": article, **context}, status=status
    )


@reader_form
@require_POST
def post_comment(request, article_id):
    # A refused comment is answered with the whole story page, body included.
    stories = Article.objects.published().select_related("category", "author__byline")
    article = get_object_or_404(stories, pk=article_id)
    if not closing.accepts_comments(article):
        text = request.POST.get("text", "")[: TEXT_MAX_LENGTH * 2]
        messages.error(
            request, _("Comments are closed for this story; your comment was not posted.")
        )
        return _story_page(request, article, 403, comment_refused_text=text)
    if quiet_hours.is_quiet():
        text = request.POST.get("text", "")[: TEXT_MAX_LENGTH * 2]
        messages.error(
            request, _("Comments are closed for the night; your comment was not posted.")
        )
        return _story_page(request, article, 403, comment_refused_text=text)

    form = CommentForm(
        request.POST, article=article, can_remember=remember.functional_cookies_allowed(request)
    )
    if not form.is_valid():
        form.prepare_for_another_try()
        return _story_page(request, article, 400, comment_form=form)
    client = trace_client(request)
    if not spam.count_token_use(form.data.get("token", "")):
        form.refuse_spent_token()
        form.prepare_for_another_try()
        return _story_page(request, article, 400, comment_form=form)
    # Only posts that would otherwise be accepted count towards the limit, so a reader fixing
    # a typo in their email is never locked out.
    posts_in_window = spam.count_post(client.rate_key)
    if spam.over_reject_limit(posts_in_window):
        form.refuse_for_rate()
        form.prepare_for_another_try()
        return _story_page(request, article, 429, comment_form=form)
    # After the rate limit, so nobody can test addresses for a ban faster than they can post.
    restriction = people.restriction_for(form.cleaned_data["email"])
    if restriction is not None:
        form.add_error(None, people.refusal(restriction))
        form.prepare_for_another_try()
        return _story_page(request, article, 403, comment_form=form)

    site_root = request.build_absolute_uri("/")
    proven = confirmation.is_proven(request, form.cleaned_data["email"])
    # A resubmission gets the earlier comment back only in the browser that holds it already.
    posted_here = {*editing.authored_ids(request), *held.held_ids(request)}
    comment = form.save(
        site_root=site_root,
        client=client,
        posts_in_window=posts_in_window,
        proven=proven,
        posted_here=posted_here,
    )
    if comment.is_new and not proven and comment.status != Comment.Status.SPAM:
        confirmation.ask_owner_to_confirm(comment, client, site_root)
    if comment.status == Comment.Status.APPROVED:
        messages.success(request, PUBLISHED_MESSAGE)
        page_number = threads.page_number_of(comment)
        location = threads.page_url(article, page_number, anchor=comment.anchor)
    elif comment.status == Comment.Status.PENDING:
        messages.info(request, HELD_MESSAGE)
        location = held.preview_url(article, comment)
    else:
        # Spam is told the same as a held comment, but gets no preview to learn from.
        messages.info(request, HELD_MESSAGE)
        location = threads.page_url(article, 1, anchor="comments")
    response = redirect(location)
    if comment.status == Comment.Status.PENDING:
        held.let_poster_preview(request, response, comment)
    if comment.status in editing.EDITABLE_STATUSES:
        editing.grant(request, response, comment)
    remember.update_remembered_details(
        request, response, form.cleaned_data, remember=form.cleaned_data.get("remember")
    )
    return response


def comment_permalink(request, comment_id):
    """Redirect to the page of the story where the comment is shown, scrolled to it."""
    comment = get_object_or_404(
        Comment.objects.public()
        .filter(article__in=Article.objects.published())
        .select_related("article", "thread"),
        pk=comment_id,
    )
    number = threads.page_number_of(comment)
    return redirect(threads.page_url(comment.article, number, anchor=comment.anchor))


def where_to_see(request, comment):
    """The response sending the poster of `comment` to where they can see it now."""
    if comment.status == Comment.Status.APPROVED:
        number = threads.page_number_of(comment)
        return redirect(threads.page_url(comment.article, number, anchor=comment.anchor))
    if comment.status == Comment.Status.PENDING:
        response = redirect(held.preview_url(comment.article, comment))
        held.let_poster_preview(request, response, comment)
        return response
    return redirect(threads.page_url(comment.article, 1, anchor="comments"))


def invalid_link(request):
    return render(request, "comments/message.html", {"message": INVALID_LINK_MESSAGE}, status=404)


@never_cache
@reader_form
@require_http_methods(["GET", "HEAD", "POST"])
def confirm_address(request, token):
    """The link mailed to a new address: GET asks, POST confirms (see confirmation.py)."""
    comment = confirmation.comment_for_link(token)
    if comment is None:
        return invalid_link(request)
    if request.method != "POST":
        return render(request, "comments/confirm.html", {"comment": comment})
    comment = confirmation.confirm(comment, request.build_absolute_uri("/"))
    if comment is None:
        return invalid_link(request)
    if comment.status == Comment.Status.APPROVED:
        subscriptions.announce(comment, request.build_absolute_uri("/"))
        messages.success(request, CONFIRMED_PUBLISHED_MESSAGE)
    else:
        messages.success(request, CONFIRMED_HELD_MESSAGE)
    response = where_to_see(request, comment)
    confirmation.remember_proof(request, response, comment.email)
    return response
