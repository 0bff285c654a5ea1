"""The benchmark's fixed data set, created in a few seconds with bulk inserts, and the check
that the comment POST flow stored each accepted comment exactly once.

The data set: 1,000 published stories in 8 sections by 10 authors; two of them carry 50 and 500
approved comments (a third of them replies), and a third story takes the posted comments.

Run with DJANGO_SETTINGS_MODULE=bench.settings against an empty, migrated database (SQLite for
the single-machine rows, PostgreSQL for the cluster):
`python -m bench.dataset seed` prints the paths to measure as one JSON line;
`python -m bench.dataset stored RUN_ID` prints how many times each marker of that run was stored.
"""

import json
import re
import sys
from collections import Counter
from datetime import timedelta

import django
from django.utils import timezone

SECTIONS = ["World", "Politics", "Business", "Science", "Health", "Culture", "Sport", "Opinion"]
ARTICLE_COUNT = 1000
AUTHOR_COUNT = 10
COMMENT_COUNTS = {"bench-50-comments": 50, "bench-500-comments": 500, "bench-posting": 5}
# Posters use an email with an approved comment, so their comments are published at once (the
# heavier path: the story's cached pages are retired on every post).
POSTER_EMAIL = "bench-poster@newsroom.test"
MARKER = re.compile(r"bench-[0-9a-f]{8}-\d+-\d+")

PARAGRAPH = (
    "<p>The council met on Tuesday evening to discuss the proposal, which would change how the "
    "town's bus routes are planned and paid for. Residents spoke for and against it, and the "
    'vote was postponed until <a href="https://example.org/minutes">the minutes</a> are '
    "published. <em>More meetings</em> are planned before the summer.</p>"
)
QUOTE = "<blockquote><p>We want to hear from everyone who rides the buses.</p></blockquote>"
BODY = PARAGRAPH + "<h2>What happens next</h2>" + PARAGRAPH * 5 + QUOTE + PARAGRAPH


def seed():
    from django.contrib.auth import get_user_model

    from articles.models import Article, Category
    from articles.sanitize import sanitize_body
    from newsroom.models import SITE_SCOPE, PageGeneration

    now = timezone.now()
    categories = Category.objects.bulk_create(
        Category(name=name, slug=name.lower(), description=f"{name} stories.", position=index)
        for index, name in enumerate(SECTIONS)
    )
    authors = get_user_model().objects.bulk_create(
        get_user_model()(
            username=f"author{index}", first_name="Sam", last_name=f"Writer{index}", password="!"
        )
        for index in range(AUTHOR_COUNT)
    )
    body = sanitize_body(BODY)
    comment_slugs = list(COMMENT_COUNTS)
    articles = []
    for index in range(ARTICLE_COUNT):
        # The commented stories are the two newest, so they also appear on the home page.
        slug = comment_slugs[index] if index < len(comment_slugs) else f"bench-story-{index}"
        articles.append(
            Article(
                headline=f"Council postpones vote on bus routes, part {index}",
                slug=slug,
                standfirst="Residents spoke for and against the plan; the vote waits for the "
                "published minutes.",
                body=body,
                category=categories[index % len(categories)],
                author=authors[index % len(authors)],
                status=Article.Status.PUBLISHED,
                published_at=now - timedelta(hours=index + 1),
            )
        )
    Article.objects.bulk_create(articles, batch_size=500)
    # Bulk inserts send no signals; a live site has had its page generation started long ago.
    PageGeneration.objects.bump(SITE_SCOPE)

    paths = {
        "home": "/",
        "category": categories[0].get_absolute_url(),
        "rss": "/feeds/rss/",
    }
    seed_comments(now)
    paths["article_50"] = "/story/bench-50-comments/"
    paths["article_500"] = "/story/bench-500-comments/"
    paths["comment_post"] = "/story/bench-posting/"
    return {"paths": paths}


def seed_comments(now):
    """Give the commented stories their approved comments, every third one a reply."""
    from articles.models import Article
    from comments.models import Comment
    from comments.render import render_comment_text

    approved = Comment.Status.APPROVED
    for slug, count in COMMENT_COUNTS.items():
        article = Article.objects.get(slug=slug)
        comments = []
        for index in range(count):
            text = f"Comment {index}: the number 12 bus has been late every day this week."
            comments.append(
                Comment(
                    article=article,
                    name=f"Reader {index}",
                    email=POSTER_EMAIL if index == 0 else f"reader{index}@newsroom.test",
                    text=text,
                    text_html=render_comment_text(text),
                    status=approved,
                    created_at=now - timedelta(minutes=count - index),
                )
            )
        Comment.objects.bulk_create(comments)
        # Every third comment answers the top-level comment before it.
        replies = []
        for index, comment in enumerate(comments):
            if index % 3 == 2:
                comment.parent = comment.thread = comments[index - 2]
                comment.depth = 1
                replies.append(comment)
        Comment.objects.bulk_update(replies, ["parent", "thread", "depth"])


def stored_markers(run_id):
    """How many stored comments carry each marker of the POST flow run `run_id`."""
    from comments.models import Comment

    texts = Comment.objects.filter(text__contains=f"bench-{run_id}-").values_list("text", flat=True)
    return Counter(MARKER.search(text).group(0) for text in texts)


if __name__ == "__main__":
    django.setup()
    if sys.argv[1:2] == ["stored"]:
        print(json.dumps(stored_markers(sys.argv[2])))
    else:
        print(json.dumps(seed()))
