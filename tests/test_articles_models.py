from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, StaffFactory, UserFactory, small_jpeg

pytestmark = pytest.mark.django_db


def test_published_excludes_drafts_and_scheduled_stories():
    live = ArticleFactory()
    ArticleFactory(draft=True)
    ArticleFactory(scheduled=True)
    assert list(Article.objects.published()) == [live]


def test_staff_see_every_story_and_the_public_only_published_ones():
    live, draft = ArticleFactory(), ArticleFactory(draft=True)
    assert set(Article.objects.visible_to(StaffFactory())) == {live, draft}
    assert list(Article.objects.visible_to(UserFactory())) == [live]


def test_newest_story_comes_first():
    older = ArticleFactory(published_at=timezone.now() - timedelta(days=2))
    newer = ArticleFactory(published_at=timezone.now() - timedelta(hours=2))
    assert list(Article.objects.all()) == [newer, older]
    assert Article.objects.latest() == newer


def test_publishing_with_a_lead_image_requires_alt_text():
    article = ArticleFactory.build(
        lead_image=small_jpeg(), lead_image_alt="", status=Article.Status.PUBLISHED
    )
    with pytest.raises(ValidationError) as error:
        article.clean()
    assert "lead_image_alt" in error.value.message_dict


def test_a_draft_with_a_lead_image_may_lack_alt_text_for_now():
    article = ArticleFactory(draft=True, lead_image=small_jpeg(), lead_image_alt="")
    article.clean()
    assert article.pk


def test_the_database_refuses_a_published_image_without_alt_text():
    with pytest.raises(IntegrityError):
        ArticleFactory(lead_image=small_jpeg(), lead_image_alt="")


def test_updated_stamp_only_after_a_real_edit():
    three_hours_ago = timezone.now() - timedelta(hours=3)
    article = ArticleFactory(published_at=three_hours_ago)
    assert not article.was_updated  # filed with a back-dated publish time, never edited
    Article.objects.filter(pk=article.pk).update(created_at=three_hours_ago)
    article.refresh_from_db()
    article.save()  # edited three hours after it went out
    assert article.was_updated


def test_byline_is_the_authors_full_name():
    article = ArticleFactory(author=UserFactory(first_name="Mira", last_name="Okafor"))
    assert article.byline == "Mira Okafor"


def test_publish_sends_drafts_out_now_and_keeps_future_times():
    draft = ArticleFactory(draft=True, published_at=timezone.now() - timedelta(days=3))
    future = ArticleFactory(draft=True, published_at=timezone.now() + timedelta(days=1))
    no_alt = ArticleFactory(draft=True, lead_image=small_jpeg(), lead_image_alt="")
    assert Article.objects.all().publish() == 2
    draft.refresh_from_db(), future.refresh_from_db(), no_alt.refresh_from_db()
    assert draft.is_published() and draft.published_at > timezone.now() - timedelta(minutes=1)
    assert future.is_scheduled
    assert no_alt.status == Article.Status.DRAFT
