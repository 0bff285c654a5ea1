"""Add a labelled history of moderation decisions to the demo stories, for the moderation
assist (run after `seed_demo`; then `train_moderation_assist`).

The comments come from comments/assist_demo.py: the same ones on every run, spread over the
published demo stories, most decided (approved, spam or removed) and a dozen waiting, so the
queue has something to order. Running it again adds nothing.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from articles.models import Article
from comments.assist_demo import decisions
from comments.models import Comment
from comments.render import render_comment_text
from newsroom.pagecache import retire_story_pages

DOMAIN = "decisions.demo.example"
WAITING = 12


class Command(BaseCommand):
    help = "Add demo moderation decisions for training the moderation assist (after seed_demo)."

    @transaction.atomic
    def handle(self, *args, **options):
        if Comment.objects.filter(email__endswith=f"@{DOMAIN}").exists():
            self.stdout.write("Demo decisions already there.")
            return
        articles = list(Article.objects.published().order_by("pk"))
        if not articles:
            self.stderr.write("No published stories: run seed_demo first.")
            return
        made = decisions()
        start = timezone.now() - timedelta(days=30)
        comments = []
        for index, (name, text, rejected, _language) in enumerate(made):
            if index >= len(made) - WAITING:
                status = Comment.Status.PENDING
            elif rejected:
                status = Comment.Status.SPAM if index % 2 else Comment.Status.REMOVED
            else:
                status = Comment.Status.APPROVED
            comment = Comment(
                article=articles[index % len(articles)],
                name=name,
                email=f"reader{index}@{DOMAIN}",
                text=text,
                status=status,
                created_at=start + timedelta(minutes=90 * index),
                moderated_at=None if status == Comment.Status.PENDING else timezone.now(),
            )
            # A bulk insert skips save(): do what it would.
            comment.place_under(None)
            comment.text_html = render_comment_text(text)
            comments.append(comment)
        Comment.objects.bulk_create(comments)
        # Nor does it send the signals that retire the stories' cached pages.
        slugs = [article.slug for article in articles]
        transaction.on_commit(lambda: [retire_story_pages(slug) for slug in slugs])
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {len(comments)} demo comments ({len(comments) - WAITING} decided, "
                f"{WAITING} waiting)."
            )
        )
