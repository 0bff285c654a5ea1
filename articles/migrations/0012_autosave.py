# The desk's autosaved drafts (articles/autosaves.py).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_story_edit_version"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Autosave",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("data", models.JSONField(default=dict, verbose_name="autosaved text")),
                ("saved_at", models.DateTimeField(auto_now=True, verbose_name="saved at")),
                (
                    "article",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty for a story that has not been saved yet.",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="autosaves",
                        to="articles.article",
                        verbose_name="article",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="autosaves",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="editor",
                    ),
                ),
            ],
            options={
                "verbose_name": "autosave",
                "verbose_name_plural": "autosaves",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("article", "user"), name="one_autosave_per_story"
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("article__isnull", True)),
                        fields=("user",),
                        name="one_new_story_autosave",
                    ),
                ],
            },
        ),
    ]
