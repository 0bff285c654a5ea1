from django.db import migrations, models

from newsroom.migration_operations import AddIndexWithoutLock, RemoveIndexWithoutLock


class Migration(migrations.Migration):
    # CONCURRENTLY cannot run in a transaction (newsroom/migration_operations.py).
    atomic = False

    dependencies = [
        ("articles", "0017_story_list_index"),
    ]

    operations = [
        AddIndexWithoutLock(
            model_name="article",
            index=models.Index(fields=["status", "published_at", "id"], name="article_listing_idx"),
        ),
        AddIndexWithoutLock(
            model_name="article",
            index=models.Index(
                fields=["category", "status", "published_at", "id"], name="article_section_idx"
            ),
        ),
        AddIndexWithoutLock(
            model_name="article",
            index=models.Index(
                fields=["author", "status", "published_at", "id"], name="article_byline_idx"
            ),
        ),
        RemoveIndexWithoutLock(model_name="article", name="article_published_idx"),
        RemoveIndexWithoutLock(model_name="article", name="article_category_idx"),
        RemoveIndexWithoutLock(model_name="article", name="article_author_idx"),
    ]
