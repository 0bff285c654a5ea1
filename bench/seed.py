"""The benchmark's fixed data set, created in a few seconds with bulk inserts.

1,000 published stories in 8 sections by 10 authors, plus two stories with 50 and 500 approved
comments once the comments app provides them. Run as `python -m bench.seed` with
DJANGO_SETTINGS_MODULE=bench.settings against an empty, migrated database; prints the paths to
measure as one JSON line.
"""

import json
from datetime import timedelta

import django
from django.utils import timezone

SECTIONS = ["World", "Politics", "Business", "Science", "Health", "Culture", "Sport", "Opinion"]
ARTICLE_COUNT = 1000
AUTHOR_COUNT = 10
COMMENT_COUNTS = {"bench-50-comments": 50, "bench-500-comments": 500}

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

    paths = {
        "home": "/",
        "category": categories[0].get_absolute_url(),
        "rss": "/feeds/rss/",
    }
    commented = seed_comments(Article.objects.filter(slug__in=comment_slugs))
    for slug, count in COMMENT_COUNTS.items():
        if commented:
            paths[f"article_{count}"] = Article.objects.get(slug=slug).get_absolute_url()
    return {"paths": paths, "comments_available": commented}


def seed_comments(articles):
    """Give each commented story its approved comments; False while there is no comments model."""
    from django.apps import apps

    try:
        apps.get_model("comments", "Comment")
    except LookupError:
        return False
    raise NotImplementedError("seed comments once the comments app has landed")


if __name__ == "__main__":
    django.setup()
    print(json.dumps(seed()))
