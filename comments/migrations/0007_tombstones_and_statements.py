"""Tombstones (Comment.deleted_at), the commenter's language, and statements of reasons: the
reasons editors keep (five seeded, in English, German and French), the log of moderation
decisions and review requests."""

import django.db.models.deletion
import django.utils.timezone
import newsroom.translations
from django.conf import settings
from django.db import migrations, models


# (code, tell the commenter, {language: (title, explanation)}); English is the main text.
REASONS = [
    ("illegal-content", True, {
        "en": ("Illegal content", "The comment contained content that is illegal under the law that applies to this site, such as incitement to hatred, threats or defamation."),
        "de": ("Rechtswidrige Inhalte", "Der Kommentar enthielt Inhalte, die nach dem für diese Website geltenden Recht rechtswidrig sind, etwa Volksverhetzung, Drohungen oder Verleumdung."),
        "fr": ("Contenu illicite", "Le commentaire contenait des propos illicites au regard du droit applicable à ce site, tels qu’une incitation à la haine, des menaces ou une diffamation."),
    }),
    ("personal-attack", True, {
        "en": ("Personal attack", "The comment attacked or insulted a person instead of discussing their arguments, which our comment rules do not allow."),
        "de": ("Persönlicher Angriff", "Der Kommentar griff eine Person an oder beleidigte sie, statt sich mit ihren Argumenten auseinanderzusetzen; das erlauben unsere Kommentarregeln nicht."),
        "fr": ("Attaque personnelle", "Le commentaire attaquait ou insultait une personne au lieu de discuter ses arguments, ce que nos règles de commentaire n’autorisent pas."),
    }),
    ("spam", False, {
        "en": ("Spam", "The comment was advertising or mass-posted content unrelated to the discussion."),
        "de": ("Spam", "Der Kommentar war Werbung oder massenhaft verbreiteter Inhalt ohne Bezug zur Diskussion."),
        "fr": ("Spam", "Le commentaire était de la publicité ou un contenu publié en masse sans rapport avec la discussion."),
    }),
    ("off-topic", True, {
        "en": ("Off-topic", "The comment did not relate to the story it was posted under; our comment rules ask that comments stay on the subject."),
        "de": ("Themenfremd", "Der Kommentar hatte keinen Bezug zum Artikel, unter dem er stand; unsere Kommentarregeln verlangen, beim Thema zu bleiben."),
        "fr": ("Hors sujet", "Le commentaire n’avait pas de rapport avec l’article sous lequel il a été publié ; nos règles demandent que les commentaires restent dans le sujet."),
    }),
    ("privacy", True, {
        "en": ("Privacy", "The comment disclosed private information about a person, such as an address, telephone number or details of their private life."),
        "de": ("Privatsphäre", "Der Kommentar gab private Informationen über eine Person preis, etwa eine Adresse, eine Telefonnummer oder Einzelheiten ihres Privatlebens."),
        "fr": ("Vie privée", "Le commentaire divulguait des informations privées sur une personne, comme une adresse, un numéro de téléphone ou des détails de sa vie privée."),
    }),
]


def seed_reasons(apps, schema_editor):
    Reason = apps.get_model("comments", "ModerationReason")
    Translation = apps.get_model("comments", "ModerationReasonTranslation")
    for position, (code, tell, texts) in enumerate(REASONS):
        title, text = texts["en"]
        reason, created = Reason.objects.get_or_create(
            code=code,
            defaults={"title": title, "text": text, "tell_commenter": tell, "position": position * 10},
        )
        if created:
            for language in ("de", "fr"):
                title, text = texts[language]
                Translation.objects.create(reason=reason, language=language, title=title, text=text)


def unseed_reasons(apps, schema_editor):
    apps.get_model("comments", "ModerationReason").objects.filter(
        code__in=[code for code, _tell, _texts in REASONS], decisions=None
    ).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('comments', '0006_comment_confirmation_link_used_at'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ModerationReason',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.SlugField(help_text='A short name that never changes; the moderation log and its export use it.', max_length=40, unique=True, verbose_name='code')),
                ('title', models.CharField(help_text='What moderators choose from, and the heading of the statement mailed.', max_length=100, verbose_name='title')),
                ('text', models.TextField(help_text="Mailed to the commenter: which rule or law the comment broke, in plain words, in the site's main language (translations below).", verbose_name='explanation')),
                ('tell_commenter', models.BooleanField(default=True, help_text='Untick only for deceptive mass commercial content (spam): the Digital Services Act asks for no statement to its senders.', verbose_name='mail the commenter')),
                ('active', models.BooleanField(default=True, help_text='Untick a reason no longer used, rather than deleting it: the log keeps it.', verbose_name='offered to moderators')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position')),
            ],
            options={
                'verbose_name': 'moderation reason',
                'verbose_name_plural': 'moderation reasons',
                'ordering': ['position', 'title'],
            },
        ),
        migrations.AddField(
            model_name='comment',
            name='deleted_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='deleted by its author at'),
        ),
        migrations.AddField(
            model_name='comment',
            name='language',
            field=models.CharField(blank=True, editable=False, max_length=7, verbose_name='language'),
        ),
        migrations.CreateModel(
            name='ModerationDecision',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('comment_excerpt', models.CharField(max_length=100, verbose_name='comment excerpt')),
                ('previous_status', models.CharField(max_length=8, verbose_name='status before')),
                ('status', models.CharField(max_length=8, verbose_name='status after')),
                ('explanation', models.TextField(blank=True, help_text='Free text the moderator added to the reason; mailed with it.', verbose_name="moderator's words")),
                ('decided_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='decided at')),
                ('commenter_told', models.BooleanField(default=False, help_text='A statement of reasons was queued for the commenter.', verbose_name='statement mailed')),
                ('comment', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='decisions', to='comments.comment', verbose_name='comment')),
                ('moderator', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='moderator')),
                ('reason', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='decisions', to='comments.moderationreason', verbose_name='reason')),
            ],
            options={
                'verbose_name': 'moderation decision',
                'verbose_name_plural': 'moderation decisions',
                'ordering': ['-decided_at', '-id'],
                'get_latest_by': 'decided_at',
            },
        ),
        migrations.CreateModel(
            name='ReviewRequest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('message', models.TextField(help_text='Why the commenter thinks the decision is wrong.', verbose_name='message')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='received at')),
                ('closed_at', models.DateTimeField(blank=True, help_text='Set when an editor has reviewed the decision.', null=True, verbose_name='handled at')),
                ('decision', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='review_requests', to='comments.moderationdecision', verbose_name='decision')),
            ],
            options={
                'verbose_name': 'review request',
                'verbose_name_plural': 'review requests',
                'ordering': ['created_at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='ModerationReasonTranslation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language', models.CharField(choices=newsroom.translations.translated_languages, max_length=7, verbose_name='language')),
                ('title', models.CharField(max_length=100, verbose_name='title')),
                ('text', models.TextField(help_text='Mailed to commenters who wrote in this language.', verbose_name='explanation')),
                ('reason', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='translations', to='comments.moderationreason', verbose_name='reason')),
            ],
            options={
                'verbose_name': 'moderation reason translation',
                'verbose_name_plural': 'moderation reason translations',
                'ordering': ['reason__position', 'language'],
                'constraints': [models.UniqueConstraint(fields=('reason', 'language'), name='comments_unique_reason_translation')],
            },
        ),
        migrations.RunPython(seed_reasons, unseed_reasons),
    ]
