"""Bylines: each writer's public author page address, a slug that is never their login name
(see articles/bylines.py). Writers who already have stories get theirs now."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils.text import slugify


def give_writers_bylines(apps, schema_editor):
    # The slug rule of articles/bylines.py as it stood when this migration was written.
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    Byline = apps.get_model("articles", "Byline")
    db = schema_editor.connection.alias
    taken = set(Byline.objects.using(db).values_list("slug", flat=True))
    writers = User.objects.using(db).filter(articles__isnull=False, byline__isnull=True)
    for user in writers.distinct().order_by("pk"):
        name = f"{user.first_name} {user.last_name}".strip() or "Staff writer"
        base = slugify(name, allow_unicode=True)[:60] or "writer"
        login = str(getattr(user, getattr(User, "USERNAME_FIELD", "username"), "")).lower()
        number, slug = 1, base
        while slug in taken or slug == login:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        Byline.objects.using(db).create(user=user, slug=slug)


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0003_search_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Byline',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(allow_unicode=True, help_text='Used in the address: /author/<slug>/. Never the login name.', max_length=80, unique=True)),
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='byline', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['slug'],
            },
        ),
        migrations.RunPython(give_writers_bylines, migrations.RunPython.noop),
    ]
