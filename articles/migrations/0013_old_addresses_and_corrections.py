"""Old addresses of stories and sections whose slug changed (answered with a redirect), and the
corrections, clarifications and updates editors add to published stories."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0012_autosave'),
    ]

    operations = [
        migrations.CreateModel(
            name='Correction',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('correction', 'Correction'), ('clarification', 'Clarification'), ('update', 'Update')], default='correction', help_text='Correction: a fact was wrong. Clarification: it was right but could be misread. Update: something new happened since.', max_length=20, verbose_name='kind')),
                ('text', models.TextField(help_text='Plain text shown to readers under the story, e.g. “An earlier version of this story gave the wrong date for the vote.”', max_length=2000, verbose_name='text')),
                ('published_at', models.DateTimeField(default=django.utils.timezone.now, help_text='When the note was made public; not in the future.', verbose_name='published at')),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='corrections', to='articles.article', verbose_name='article')),
            ],
            options={
                'verbose_name': 'correction',
                'verbose_name_plural': 'corrections and clarifications',
                'ordering': ['-published_at', '-id'],
                'get_latest_by': 'published_at',
            },
        ),
        migrations.CreateModel(
            name='OldAddress',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('story', 'Story'), ('section', 'Section')], max_length=10, verbose_name='kind')),
                ('slug', models.SlugField(max_length=200, verbose_name='old slug')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('article', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='old_addresses', to='articles.article', verbose_name='article')),
                ('category', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='old_addresses', to='articles.category', verbose_name='category')),
            ],
            options={
                'verbose_name': 'old address',
                'verbose_name_plural': 'old addresses',
                'ordering': ['-created_at'],
                'constraints': [models.UniqueConstraint(fields=('kind', 'slug'), name='old_address_one_owner'), models.CheckConstraint(condition=models.Q(models.Q(('article__isnull', False), ('category__isnull', True), ('kind', 'story')), models.Q(('article__isnull', True), ('category__isnull', False), ('kind', 'section')), _connector='OR'), name='old_address_names_its_owner')],
            },
        ),
    ]
