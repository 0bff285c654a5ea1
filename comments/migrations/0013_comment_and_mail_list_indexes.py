from django.db import migrations, models

from newsroom.migration_operations import AddIndexWithoutLock


class Migration(migrations.Migration):
    # CREATE INDEX CONCURRENTLY cannot run in a transaction (newsroom/migration_operations.py).
    atomic = False

    dependencies = [
        ("comments", "0012_moderation_decision_automated"),
    ]

    operations = [
        AddIndexWithoutLock(
            model_name="comment",
            index=models.Index(fields=["created_at", "id"], name="comment_time_idx"),
        ),
        AddIndexWithoutLock(
            model_name="outgoingmail",
            index=models.Index(fields=["created_at", "id"], name="mail_time_idx"),
        ),
    ]
