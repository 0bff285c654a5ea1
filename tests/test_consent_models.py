from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone

from consent.catalogue import get_catalogue, load_catalogue
from consent.models import ConsentRecord, CookieCategory, CookieDeclaration
from consent.policy import describe_changes, policy_version
from tests.factories import ConsentRecordFactory, CookieCategoryFactory, CookieDeclarationFactory

pytestmark = pytest.mark.django_db

BUILT_IN = ["necessary", "functional", "analytical", "performance", "advertisement"]


def test_data_migration_creates_the_five_categories_in_order():
    categories = list(CookieCategory.objects.all())
    assert [category.slug for category in categories] == BUILT_IN
    assert [category.name for category in categories] == [
        "Necessary",
        "Functional",
        "Analytical",
        "Performance",
        "Advertisement",
    ]
    assert all(category.description for category in categories)
    assert [category.slug for category in categories if category.is_necessary] == ["necessary"]


def test_data_migration_declares_the_sites_own_cookies():
    declared = {
        declaration.name: declaration
        for declaration in CookieDeclaration.objects.select_related("category")
    }
    assert {name: d.category.slug for name, d in declared.items()} == {
        "newsroom_consent": "necessary",
        "newsroom_consent_id": "necessary",
        "csrftoken": "necessary",
        "sessionid": "necessary",
        "messages": "necessary",
        "newsroom_commenter": "functional",
        "newsroom_held": "necessary",
        "newsroom_author": "necessary",
        "newsroom_confirmed": "necessary",
        "django_language": "necessary",
    }
    for declaration in declared.values():
        assert declaration.provider == "This site"
        assert declaration.party == CookieDeclaration.Party.FIRST
        assert declaration.duration and declaration.purpose
    assert declared["newsroom_commenter"].duration == "1 year"
    assert "Remember me" in declared["newsroom_commenter"].purpose


def test_built_in_category_slug_cannot_change():
    category = CookieCategory.objects.get(slug="analytical")
    category.slug = "statistics"
    with pytest.raises(ValidationError) as error:
        category.full_clean()
    assert "slug" in error.value.message_dict


def test_built_in_category_cannot_stop_being_necessary():
    category = CookieCategory.objects.get(slug="necessary")
    category.is_necessary = False
    with pytest.raises(ValidationError) as error:
        category.full_clean()
    assert "is_necessary" in error.value.message_dict


def test_built_in_category_can_be_reworded():
    category = CookieCategory.objects.get(slug="analytical")
    category.name = "Statistics"
    category.description = "Counting readers."
    category.full_clean()


@pytest.mark.parametrize("slug", ["Bad-Slug", "has-dash", "1st", "_private"])
def test_category_slug_must_work_in_templates(slug):
    category = CookieCategory(slug=slug, name="Social", description="Share buttons.")
    with pytest.raises(ValidationError) as error:
        category.full_clean()
    assert "slug" in error.value.message_dict


def test_consent_records_are_append_only():
    record = ConsentRecordFactory()
    record.action = "accept_all"
    with pytest.raises(ValueError, match="append-only"):
        record.save()
    assert ConsentRecord.objects.get(pk=record.pk).action == "reject_all"


def test_catalogue_reads_categories_cookies_tags_consent_types_and_embed_providers_in_four_queries(
    django_assert_num_queries,
):
    with django_assert_num_queries(4):
        catalogue = load_catalogue()
    assert [category.slug for category in catalogue.categories] == BUILT_IN
    assert [cookie.name for cookie in catalogue.category("functional").cookies] == [
        "newsroom_commenter"
    ]
    assert catalogue.category("analytical").cookies == ()


def test_catalogue_is_cached_until_an_editor_changes_it(django_assert_num_queries):
    cache.clear()
    get_catalogue()
    # Only the catalogue's generation is read, to know the kept copy is still current.
    with django_assert_num_queries(1):
        before = get_catalogue()
    CookieDeclarationFactory(name="stats_id")
    after = get_catalogue()
    assert after.category_of_cookie("stats_id").slug == "analytical"
    assert after.version != before.version


def test_deleting_a_declaration_refreshes_the_catalogue():
    declaration = CookieDeclarationFactory(name="stats_id")
    assert get_catalogue().category_of_cookie("stats_id") is not None
    declaration.delete()
    assert get_catalogue().category_of_cookie("stats_id") is None


def test_cookie_name_patterns_cover_names_that_start_the_same_way():
    CookieDeclarationFactory(name="_stats_*")
    CookieDeclarationFactory(
        name="_stats_exact", category=CookieCategory.objects.get(slug="performance")
    )
    catalogue = get_catalogue()
    assert catalogue.category_of_cookie("_stats_1234").slug == "analytical"
    assert catalogue.category_of_cookie("_stats_exact").slug == "performance"
    assert catalogue.category_of_cookie("_stat") is None


def _snapshot():
    return get_catalogue().snapshot()


def test_policy_version_ignores_order_and_whitespace():
    version = get_catalogue().version
    CookieCategory.objects.filter(slug="advertisement").update(order=1)
    cache.clear()
    assert get_catalogue().version == version
    category = CookieCategory.objects.get(slug="analytical")
    category.description = "  " + category.description.replace(" ", "   ") + "\n"
    category.save()
    assert get_catalogue().version == version


@pytest.mark.parametrize(
    "change",
    [
        lambda: CookieDeclarationFactory(name="stats_id"),
        lambda: CookieDeclaration.objects.get(name="newsroom_commenter").delete(),
        lambda: CookieDeclaration.objects.filter(name="newsroom_commenter").update(
            duration="2 years"
        ),
        lambda: CookieDeclaration.objects.filter(name="csrftoken").update(
            purpose="Something else."
        ),
        lambda: CookieCategory.objects.filter(slug="functional").update(description="Different."),
        lambda: CookieCategoryFactory(slug="social", name="Social media"),
    ],
    ids=["cookie added", "cookie removed", "duration", "purpose", "description", "category"],
)
def test_policy_version_changes_when_what_visitors_are_told_changes(change):
    version = get_catalogue().version
    change()
    cache.clear()
    assert get_catalogue().version != version


def test_policy_version_is_a_short_stable_hash():
    snapshot = _snapshot()
    assert policy_version(snapshot) == policy_version(snapshot)
    assert len(policy_version(snapshot)) == 12


def test_changes_are_described_in_words():
    before = _snapshot()
    CookieDeclarationFactory(name="stats_id")
    CookieDeclaration.objects.filter(name="newsroom_commenter").update(duration="2 years")
    CookieDeclaration.objects.filter(name="messages").delete()
    CookieCategory.objects.filter(slug="performance").update(description="Speed checks.")
    cache.clear()
    changes = describe_changes(before, _snapshot())
    assert "New cookie: stats_id (Analytical)." in changes
    assert "newsroom_commenter: changed how long it lasts." in changes
    assert "No longer used: messages." in changes
    assert "Performance: description reworded." in changes


def test_long_change_lists_are_summarised():
    before = _snapshot()
    CookieDeclarationFactory.create_batch(9)
    cache.clear()
    changes = describe_changes(before, _snapshot())
    assert len(changes) == 6
    assert changes[-1] == "And 4 more changes."


def test_category_shares_count_each_visitors_latest_choice_in_the_last_30_days():
    everything = dict.fromkeys(BUILT_IN, True)
    nothing = {**dict.fromkeys(BUILT_IN, False), "necessary": True}
    first, second = ConsentRecordFactory(choices=everything), ConsentRecordFactory(choices=nothing)
    # The first visitor later refused: only their latest choice counts.
    ConsentRecordFactory(visitor_id=first.visitor_id, choices=nothing)
    ConsentRecordFactory(visitor_id=second.visitor_id, choices={**nothing, "analytical": True})
    ConsentRecordFactory(choices=everything, created_at=timezone.now() - timedelta(days=31))
    visitors, shares = ConsentRecord.objects.category_shares(["functional", "analytical"])
    assert visitors == 2
    assert shares == {"functional": 0, "analytical": 50}


def test_category_shares_with_no_records():
    assert ConsentRecord.objects.category_shares(["functional"]) == (0, {"functional": 0})


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("run", [1, 2])
def test_built_in_catalogue_survives_transactional_tests(run):
    # The second run comes after the first one's flush emptied every table.
    assert CookieCategory.objects.count() == 5
    assert get_catalogue().category_of_cookie("csrftoken").slug == "necessary"
