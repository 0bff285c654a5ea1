from django.db import migrations, models

from newsroom.migration_operations import AddIndexWithoutLock


class Migration(migrations.Migration):
    # CREATE INDEX CONCURRENTLY cannot run in a transaction (newsroom/migration_operations.py).
    atomic = False

    dependencies = [
        ("comments", "0013_comment_and_mail_list_indexes"),
    ]

    operations = [
        AddIndexWithoutLock(
            model_name="comment",
            index=models.Index(
                condition=models.Q(("parent", None)),
                fields=["article", "created_at", "id", "status"],
                name="comment_top_level_idx",
            ),
        ),
    ]
