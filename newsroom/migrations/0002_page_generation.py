"""The page generations, moved here from the articles app with their table and rows (see
articles/migrations/0009_page_generation_moves_to_newsroom.py)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_security_counters"),
        ("articles", "0009_page_generation_moves_to_newsroom"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PageGeneration",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "scope",
                            models.CharField(
                                help_text='"site", or "story:<slug>" for one story\'s page.',
                                max_length=220,
                                unique=True,
                                verbose_name="scope",
                            ),
                        ),
                        (
                            "number",
                            models.PositiveBigIntegerField(default=0, verbose_name="number"),
                        ),
                        (
                            "next_change",
                            models.DateTimeField(
                                blank=True,
                                help_text="When a scheduled story next goes live (site scope).",
                                null=True,
                                verbose_name="next change",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "page generation",
                        "verbose_name_plural": "page generations",
                    },
                )
            ],
            database_operations=[],
        )
    ]
