"""The search index: a weighted tsvector column with a GIN index on PostgreSQL, an FTS5 table
kept in step with the stories on SQLite (see articles/search*.py)."""

import django.contrib.postgres.search
from django.db import migrations


class RunSQLOn(migrations.RunSQL):
    """RunSQL for one database vendor only; a no-op on the others."""

    def __init__(self, vendor, *args, **kwargs):
        self.vendor = vendor
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, args, kwargs = super().deconstruct()
        return name, [self.vendor, *args], kwargs

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def index_existing_stories(apps, schema_editor):
    from articles.search import rebuild_index

    Article = apps.get_model("articles", "Article")
    rebuild_index(Article._base_manager.using(schema_editor.connection.alias))


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0002_page_generation'),
    ]

    operations = [
        migrations.AddField(
            model_name='article',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        RunSQLOn(
            "postgresql",
            ["CREATE INDEX article_search_vector_idx ON articles_article USING gin (search_vector)"],
            ["DROP INDEX article_search_vector_idx"],
        ),
        RunSQLOn(
            "sqlite",
            [
                # Porter stemming matches PostgreSQL's default 'english' configuration.
                "CREATE VIRTUAL TABLE articles_search USING fts5("
                "headline, standfirst, body, tokenize = 'porter unicode61 remove_diacritics 2')",
                # Whatever deletes a story (a queryset, the admin, a cascade) deletes its words.
                "CREATE TRIGGER articles_search_forget_story AFTER DELETE ON articles_article "
                "BEGIN DELETE FROM articles_search WHERE rowid = old.id; END",
            ],
            ["DROP TRIGGER articles_search_forget_story", "DROP TABLE articles_search"],
        ),
        migrations.RunPython(index_existing_stories, migrations.RunPython.noop),
    ]
