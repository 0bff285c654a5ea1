"""PageGeneration moves to the newsroom app (the page cache's home). Its table is renamed and
kept with its rows: the generations go on counting, so no cached page from before the move can
be mistaken for a current one."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("articles", "0008_translated_field_names")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable("PageGeneration", "newsroom_pagegeneration")
            ],
            state_operations=[migrations.DeleteModel("PageGeneration")],
        )
    ]
