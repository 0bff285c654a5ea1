"""Stories count their saves (edit_version), so a save made on a stale copy of the change form
can be refused; editors' presence on a story's change form is kept for the "also open" notice."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_search_vector_stored_inline"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="edit_version",
            field=models.PositiveIntegerField(
                default=0, editable=False, verbose_name="edit version"
            ),
        ),
        migrations.CreateModel(
            name="StoryPresence",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "seen_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="last seen"
                    ),
                ),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="presences",
                        to="articles.article",
                        verbose_name="article",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="editor",
                    ),
                ),
            ],
            options={
                "verbose_name": "editor on a story",
                "verbose_name_plural": "editors on stories",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("article", "user"), name="one_presence_per_editor"
                    )
                ],
            },
        ),
    ]
