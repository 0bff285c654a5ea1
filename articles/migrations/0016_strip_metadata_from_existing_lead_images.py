"""Lead images uploaded before uploads were stripped (articles/picture_uploads.py) are written
again without their metadata (GPS position, camera serial...) under content-digest names, and
the old files deleted: their addresses stayed public after the pages stopped linking them.

A file that is missing, or that the new limits refuse, is left as it is (and listed), so the
migration never fails a deployment; renditions of such a file carry no metadata either.
"""

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import migrations


def strip_existing(apps, schema_editor):
    from articles.picture_uploads import prepare_picture

    Article = apps.get_model("articles", "Article")
    stories = Article.objects.using(schema_editor.connection.alias).exclude(lead_image="")
    for story in stories.only("pk", "lead_image").iterator():
        old_name = story.lead_image.name
        try:
            with default_storage.open(old_name, "rb") as file:
                prepared = prepare_picture(file)
        except (OSError, ValidationError) as error:
            print(f"\n  Lead image of story {story.pk} left as it is ({old_name}): {error}")
            continue
        folder = old_name.rsplit("/", 1)[0] if "/" in old_name else "lead-images"
        new_name = f"{folder}/{prepared.name}"
        if new_name == old_name:
            continue
        if not default_storage.exists(new_name):
            new_name = default_storage.save(new_name, prepared)
        Article.objects.filter(pk=story.pk).update(
            lead_image=new_name, lead_image_width=prepared.width, lead_image_height=prepared.height
        )
        if not Article.objects.filter(lead_image=old_name).exists():
            default_storage.delete(old_name)


class Migration(migrations.Migration):
    dependencies = [("articles", "0015_picture_library_and_focal_points")]

    operations = [migrations.RunPython(strip_existing, migrations.RunPython.noop, elidable=True)]
