from django.db import migrations, models

from newsroom.migration_operations import AddIndexWithoutLock


class Migration(migrations.Migration):
    # CREATE INDEX CONCURRENTLY cannot run in a transaction (newsroom/migration_operations.py).
    atomic = False

    dependencies = [
        ("articles", "0016_strip_metadata_from_existing_lead_images"),
    ]

    operations = [
        AddIndexWithoutLock(
            model_name="article",
            index=models.Index(fields=["published_at", "id"], name="article_time_idx"),
        ),
    ]
