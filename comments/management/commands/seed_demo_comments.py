"""Add a few reader conversations to the demo stories (run after `seed_demo`).

Running it again finds the same comments instead of adding new ones.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from articles.models import Article
from comments import held_reasons
from comments.models import BlockedWord, Comment

# (story slug, [(name, email, website, text, index of the comment it replies to, status)])
CONVERSATIONS = [
    (
        "harbourford-general-opens-overnight-urgent-care-unit",
        [
            (
                "Morag Ellis",
                "morag@demo.example",
                "",
                "About time. The drive to the city at two in the morning with a feverish toddler "
                "is something I would not wish on anyone.",
                None,
                "approved",
            ),
            (
                "Tom Baptiste",
                "tom@demo.example",
                "https://tombaptiste.example",
                "Does anyone know whether the unit takes walk-ins, or do you have to ring 111 "
                "first?\n\nThe story does not say.",
                None,
                "approved",
            ),
            (
                "Priya Nair",
                "priya@demo.example",
                "",
                "Walk-ins are fine; the triage desk is just inside the east entrance.",
                1,
                "approved",
            ),
            (
                "Tom Baptiste",
                "tom@demo.example",
                "https://tombaptiste.example",
                "Thank you, that is really useful.",
                2,
                "approved",
            ),
            (
                "New Reader",
                "first-timer@demo.example",
                "",
                "My first comment here: congratulations to the staff.",
                None,
                "pending",
            ),
        ],
    ),
    (
        "residents-asked-for-views-on-market-street-cycle-lanes",
        [
            (
                "Alan Shaw",
                "alan@demo.example",
                "",
                "Please keep the loading bays. The shops on Market Street depend on them.",
                None,
                "approved",
            ),
            (
                "Jo Kwan",
                "jo@demo.example",
                "",
                "The consultation page is at https://example.org/market-street if anyone wants "
                "to respond before the deadline.",
                None,
                "approved",
            ),
            (
                "Alan Shaw",
                "alan@demo.example",
                "",
                "Thanks Jo, I have sent my views in.",
                1,
                "approved",
            ),
        ],
    ),
]
DEMO_BLOCKED_WORDS = [
    ("casino", BlockedWord.Action.SPAM),
    ("miracle cure", BlockedWord.Action.HOLD),
]


class Command(BaseCommand):
    help = "Add demo reader comments to the demo stories (run seed_demo first)."

    @transaction.atomic
    def handle(self, *args, **options):
        created = 0
        for slug, comments in CONVERSATIONS:
            article = Article.objects.filter(slug=slug).first()
            if article is None:
                continue
            stored = []
            start = max(article.published_at, timezone.now() - timedelta(days=1))
            for position, (name, email, website, text, parent, status) in enumerate(comments):
                comment, was_created = Comment.objects.get_or_create(
                    article=article,
                    email=email,
                    text=text,
                    defaults={
                        "name": name,
                        "website": website,
                        "parent": stored[parent] if parent is not None else None,
                        "status": status,
                        "held_reason": held_reasons.FIRST_COMMENT if status == "pending" else "",
                        "created_at": start + timedelta(minutes=7 * (position + 1)),
                    },
                )
                stored.append(comment)
                created += was_created
        for phrase, action in DEMO_BLOCKED_WORDS:
            BlockedWord.objects.get_or_create(phrase=phrase, defaults={"action": action})
        self.stdout.write(self.style.SUCCESS(f"Demo comments ready ({created} new)."))
