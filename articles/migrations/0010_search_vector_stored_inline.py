"""PostgreSQL keeps each story's search vector in the story's row, not in the TOAST table.

A vector (a few kilobytes) is too big for PostgreSQL's default of storing it out of line, and a
search ranks every match: fetching each match's vector from TOAST took most of a search's time.
STORAGE MAIN keeps a vector inline unless a row outgrows a page; the body, which only the
story page and a results page's ten snippets read, goes out of line instead. Existing vectors
are rewritten so they move too. A no-op on SQLite, whose index is its own table.
"""

from django.db import migrations


def store_vectors(storage):
    def change(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(
            f"ALTER TABLE articles_article ALTER COLUMN search_vector SET STORAGE {storage}"
        )
        # A new value (the same vector) is stored the new way; an unchanged one would stay put.
        schema_editor.execute(
            "UPDATE articles_article SET search_vector = search_vector || ''::tsvector "
            "WHERE search_vector IS NOT NULL"
        )

    return change


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_page_generation_moves_to_newsroom")]

    operations = [migrations.RunPython(store_vectors("MAIN"), store_vectors("EXTENDED"))]
