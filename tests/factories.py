"""factory-boy factories for the models the tests need."""

import time
import uuid
from datetime import timedelta
from io import BytesIO

import factory
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.files.base import ContentFile
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone
from PIL import Image

from articles.models import Article, Category, Correction
from comments import confirmation
from comments.models import BlockedWord, Comment, CommenterAddress
from comments.render import render_comment_text
from comments.spam import issue_form_token
from consent.catalogue import get_catalogue
from consent.decision import ID_SIGNING_SALT, Decision
from consent.models import Action, ConsentRecord, CookieCategory, CookieDeclaration, Tag
from newsroom.signed_cookies import get_signed, set_signed


def small_jpeg(name="picture.jpg"):
    buffer = BytesIO()
    Image.new("RGB", (64, 36), "#336699").save(buffer, format="JPEG")
    return ContentFile(buffer.getvalue(), name=name)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"reporter{n}")
    first_name = "Ada"
    last_name = factory.Sequence(lambda n: f"Reporter{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@newsroom.test")
    password = factory.django.Password("correct horse battery staple")


class StaffFactory(UserFactory):
    username = factory.Sequence(lambda n: f"editor{n}")
    is_staff = True
    is_superuser = True


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")
    description = "Stories about this section."
    position = factory.Sequence(lambda n: n)


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    headline = factory.Sequence(lambda n: f"Headline number {n}")
    slug = factory.Sequence(lambda n: f"story-{n}")
    standfirst = "A sentence that sums the story up."
    body = "<p>First paragraph.</p><p>Second paragraph.</p>"
    category = factory.SubFactory(CategoryFactory)
    author = factory.SubFactory(UserFactory)
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    class Params:
        draft = factory.Trait(status=Article.Status.DRAFT)
        scheduled = factory.Trait(
            published_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=1))
        )
        with_image = factory.Trait(
            lead_image=factory.LazyFunction(small_jpeg), lead_image_alt="A harbour at dawn."
        )


class CommentFactory(factory.django.DjangoModelFactory):
    """An approved comment; pass `status=Comment.Status.PENDING` etc. for the others."""

    class Meta:
        model = Comment

    article = factory.SubFactory(ArticleFactory)
    name = factory.Sequence(lambda n: f"Reader {n}")
    email = factory.Sequence(lambda n: f"reader{n}@example.net")
    text = factory.Sequence(lambda n: f"Comment number {n}.")
    status = Comment.Status.APPROVED
    created_at = factory.LazyFunction(timezone.now)

    class Params:
        pending = factory.Trait(status=Comment.Status.PENDING)
        spam = factory.Trait(status=Comment.Status.SPAM)
        removed = factory.Trait(status=Comment.Status.REMOVED)


class BlockedWordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BlockedWord
        django_get_or_create = ["phrase"]

    phrase = factory.Sequence(lambda n: f"blocked{n}")
    action = BlockedWord.Action.HOLD


def trusted_commenter(client, email="robin@example.net"):
    """Make `email` a commenter the site trusts from `client`'s browser: an approved comment,
    the address confirmed, and the proof cookie that confirming it gave that browser."""
    CommentFactory(email=email)
    prove_address(client, email)
    return email


def prove_address(client, email):
    """The address confirmed, and `client`'s browser holding the proof of it."""
    CommenterAddress.objects.update_or_create(
        email=Comment.normalize_email(email), defaults={"confirmed_at": timezone.now()}
    )
    client.cookies[confirmation.COOKIE_NAME] = signed_cookie(
        confirmation.COOKIE_NAME, [confirmation.address_key(email)], salt=confirmation.COOKIE_SALT
    )


def signed_cookie(name, data, salt):
    """The value the site gives cookie `name` holding `data` (newsroom/signed_cookies.py)."""
    response = HttpResponse()
    set_signed(RequestFactory().get("/"), response, name, data, salt=salt)
    return response.cookies[name].value


def signed_cookie_data(name, value, salt):
    """What the site reads from cookie `name` when it holds `value`; None for nothing."""
    request = RequestFactory().get("/")
    request.COOKIES[name] = value
    return get_signed(request, name, salt=salt, max_age=None)


def comment_form_data(article, seconds_ago=60, **overrides):
    """What the response form sends for `article`, filled in as a person would, a minute on."""
    data = {
        "text": "A thoughtful response to the story.",
        "name": "Robin Reader",
        "email": "robin@example.net",
        "website": "",
        "parent": "",
        "subject": "",
        "token": issue_form_token(article.pk, issued_at=time.time() - seconds_ago),
    }
    data.update(overrides)
    return data


class CookieCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CookieCategory
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"extra_{n}")
    name = factory.Sequence(lambda n: f"Extra category {n}")
    description = "Cookies for a purpose described here."
    order = factory.Sequence(lambda n: 100 + n)


class CookieDeclarationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CookieDeclaration

    category = factory.LazyFunction(lambda: CookieCategory.objects.get(slug="analytical"))
    name = factory.Sequence(lambda n: f"stats_{n}")
    provider = "This site"
    party = CookieDeclaration.Party.FIRST
    duration = "1 year"
    purpose = "Counts page views without identifying readers."


class TagFactory(factory.django.DjangoModelFactory):
    """A Google Analytics 4 tag under Analytical, as an editor would add it."""

    class Meta:
        model = Tag

    name = "Google Analytics"
    provider = "Google"
    kind = Tag.Kind.GA4
    tag_id = "G-TEST1234"
    category = factory.LazyFunction(lambda: CookieCategory.objects.get(slug="analytical"))


class ConsentRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsentRecord

    visitor_id = factory.LazyFunction(uuid.uuid4)
    choices = factory.LazyFunction(
        lambda: {
            "necessary": True,
            "functional": False,
            "analytical": False,
            "performance": False,
            "advertisement": False,
        }
    )
    action = Action.REJECT_ALL
    policy_version = "0123456789ab"
    page = "/"
    user_agent = "Mozilla/5.0 (test)"


def signed_consent_cookie(
    allowed=(),
    action=Action.CUSTOM,
    *,
    days_ago=0,
    policy_version=None,
    visitor_id=None,
    under_gpc=False,
):
    """The value of a `newsroom_consent` cookie as the site would have signed it."""
    decision = Decision(
        visitor_id=str(visitor_id or uuid.uuid4()),
        allowed=frozenset(allowed),
        action=action,
        policy_version=policy_version or get_catalogue().version,
        given_at=timezone.now() - timedelta(days=days_ago),
        under_gpc=under_gpc,
    )
    return decision.signed_value()


def signed_consent_id_cookie(visitor_id):
    """The value of a `newsroom_consent_id` cookie as the site would have signed it."""
    return signing.Signer(salt=ID_SIGNING_SALT).sign(str(visitor_id))


def create_articles_in_bulk(count, **fields):
    """Insert `count` published stories in one statement: fast enough for 1,000-story tests.

    bulk_create skips Article.save(), so the factory's body must already be clean HTML.
    """
    return Article.objects.bulk_create(ArticleFactory.build_batch(count, **fields))


def create_comments_in_bulk(article, count):
    """`count` approved comments on `article` in two statements, every third one a reply.

    bulk_create skips Comment.save(), so the rendered text and the thread are set here.
    """
    comments = CommentFactory.build_batch(count, article=article)
    for comment in comments:
        comment.text_html = render_comment_text(comment.text)
    Comment.objects.bulk_create(comments)
    replies = comments[2::3]
    for index, reply in enumerate(replies):
        reply.place_under(comments[index * 3])
    Comment.objects.bulk_update(replies, ["parent", "thread", "depth"])
    return comments


class CorrectionFactory(factory.django.DjangoModelFactory):
    """A correction of a published story, made public just now."""

    class Meta:
        model = Correction

    article = factory.SubFactory(ArticleFactory)
    kind = Correction.Kind.CORRECTION
    text = factory.Sequence(lambda n: f"An earlier version of this story got fact {n} wrong.")
    published_at = factory.LazyFunction(timezone.now)
