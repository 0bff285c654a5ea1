"""Posting a comment, and the permanent link to one. The rules live elsewhere; see forms.py."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from articles.models import Article
from newsroom.crossorigin import reader_form

from . import closing, held, remember, spam, threads
from .client import trace_client
from .forms import TEXT_MAX_LENGTH, CommentForm
from .models import Comment

PUBLISHED_MESSAGE = "Thank you. Your comment is published."
HELD_MESSAGE = "Thank you. Your comment is awaiting moderation and will appear once approved."


def _story_page(request, article, status, **context):
    # A refused post is answered with the story itself, the reader's text back in the form.
    return render(
        request, "articles/article_detail.html", {"article": article, **context}, status=status
    )


@reader_form
@require_POST
def post_comment(request, article_id):
    article = get_object_or_404(Article.objects.published().for_listing(), pk=article_id)
    if not closing.accepts_comments(article):
        text = request.POST.get("text", "")[: TEXT_MAX_LENGTH * 2]
        messages.error(request, "Comments are closed for this story; your comment was not posted.")
        return _story_page(request, article, 403, comment_refused_text=text)

    form = CommentForm(
        request.POST, article=article, can_remember=remember.functional_cookies_allowed(request)
    )
    if not form.is_valid():
        form.prepare_for_another_try()
        return _story_page(request, article, 400, comment_form=form)
    client = trace_client(request)
    # Only posts that would otherwise be accepted count towards the limit, so a reader fixing
    # a typo in their email is never locked out.
    posts_in_window = spam.count_post(client.rate_key)
    if spam.over_reject_limit(posts_in_window):
        form.refuse_for_rate()
        form.prepare_for_another_try()
        return _story_page(request, article, 429, comment_form=form)

    comment = form.save(
        site_root=request.build_absolute_uri("/"), client=client, posts_in_window=posts_in_window
    )
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
