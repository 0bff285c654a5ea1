import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consent.catalogue import get_catalogue
from consent.models import (
    Action,
    ConsentRecord,
    CookieCategory,
    CookieCategoryTranslation,
    CookieDeclaration,
)
from tests.consent_forms import current_policy
from tests.factories import ConsentRecordFactory, CookieCategoryFactory
from tests.html import assert_has_element, assert_in_html, find

pytestmark = pytest.mark.django_db
CATEGORY_ADMIN = "admin:consent_cookiecategory"
RECORD_ADMIN = "admin:consent_consentrecord"


# The category page's translations inline, submitted untouched.
UNCHANGED_TRANSLATIONS = {
    "translations-TOTAL_FORMS": "0",
    "translations-INITIAL_FORMS": "0",
    "translations-MIN_NUM_FORMS": "0",
    "translations-MAX_NUM_FORMS": "1000",
}


def category_form(category, **changes):
    data = {
        "slug": category.slug,
        "name": category.name,
        "description": category.description,
        "order": category.order,
        "declarations-TOTAL_FORMS": "0",
        "declarations-INITIAL_FORMS": "0",
        "declarations-MIN_NUM_FORMS": "0",
        "declarations-MAX_NUM_FORMS": "1000",
        **UNCHANGED_TRANSLATIONS,
    }
    return {**data, **changes}


@pytest.mark.usefixtures("every_category_in_use")
def test_editor_can_reword_a_built_in_category_and_visitors_see_it(staff_client, client):
    category = CookieCategory.objects.get(slug="analytical")
    url = reverse(f"{CATEGORY_ADMIN}_change", args=[category.pk])
    response = staff_client.post(url, category_form(category, name="Statistics"))
    assert response.status_code == 302
    assert_has_element(client.get("/").content.decode(), "label", text="Statistics")


def test_built_in_category_slug_and_necessary_flag_are_not_editable(staff_client):
    category = CookieCategory.objects.get(slug="necessary")
    url = reverse(f"{CATEGORY_ADMIN}_change", args=[category.pk])
    html = staff_client.get(url).content.decode()
    assert find(html, name="slug") is None and find(html, name="is_necessary") is None
    staff_client.post(url, category_form(category, slug="optional", is_necessary=""))
    category.refresh_from_db()
    assert (category.slug, category.is_necessary) == ("necessary", True)


def test_built_in_categories_cannot_be_deleted(staff_client):
    category = CookieCategory.objects.get(slug="advertisement")
    assert (
        staff_client.get(reverse(f"{CATEGORY_ADMIN}_delete", args=[category.pk])).status_code == 403
    )
    staff_client.post(
        reverse(f"{CATEGORY_ADMIN}_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [category.pk],
            "post": "yes",
        },
    )
    assert CookieCategory.objects.filter(slug="advertisement").exists()


def test_editor_can_add_a_category_with_its_cookies(staff_client, client):
    data = {
        "slug": "social",
        "name": "Social media",
        "description": "Share buttons from social networks.",
        "order": "60",
        "declarations-TOTAL_FORMS": "1",
        "declarations-INITIAL_FORMS": "0",
        "declarations-MIN_NUM_FORMS": "0",
        "declarations-MAX_NUM_FORMS": "1000",
        "declarations-0-name": "share_id",
        "declarations-0-provider": "Share Network Ltd",
        "declarations-0-party": "third",
        "declarations-0-duration": "3 months",
        "declarations-0-purpose": "Counts shares of a story.",
        "declarations-0-domain": ".share.example",
        "declarations-0-path": "/",
        **UNCHANGED_TRANSLATIONS,
    }
    response = staff_client.post(reverse(f"{CATEGORY_ADMIN}_add"), data)
    assert response.status_code == 302
    assert CookieDeclaration.objects.get(name="share_id").category.slug == "social"
    html = client.get("/").content.decode()
    assert_has_element(html, "label", text="Social media")
    assert "Share Network Ltd (third party)" in html


def test_custom_category_can_be_deleted(staff_client):
    category = CookieCategoryFactory()
    response = staff_client.post(
        reverse(f"{CATEGORY_ADMIN}_delete", args=[category.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not CookieCategory.objects.filter(pk=category.pk).exists()


def test_declarations_have_their_own_admin_list(staff_client):
    html = staff_client.get(reverse("admin:consent_cookiedeclaration_changelist")).content.decode()
    assert "newsroom_commenter" in html and "csrftoken" in html


def test_consent_log_is_read_only(staff_client):
    record = ConsentRecordFactory(action=Action.ACCEPT_ALL)
    assert staff_client.get(reverse(f"{RECORD_ADMIN}_add")).status_code == 403
    change_url = reverse(f"{RECORD_ADMIN}_change", args=[record.pk])
    html = staff_client.get(change_url).content.decode()
    assert find(html, name="action") is None
    staff_client.post(change_url, {"action": "reject_all"})
    assert ConsentRecord.objects.get(pk=record.pk).action == Action.ACCEPT_ALL
    assert staff_client.get(reverse(f"{RECORD_ADMIN}_delete", args=[record.pk])).status_code == 403


def test_consent_log_filters_by_action_and_date(staff_client):
    ConsentRecordFactory(action=Action.ACCEPT_ALL, page="/accepted-today/")
    ConsentRecordFactory(action=Action.REJECT_ALL, page="/rejected-today/")
    ConsentRecordFactory(
        action=Action.ACCEPT_ALL,
        page="/accepted-long-ago/",
        created_at=timezone.now() - timedelta(days=40),
    )
    url = reverse(f"{RECORD_ADMIN}_changelist")
    html = staff_client.get(url, {"action__exact": "accept_all"}).content.decode()
    assert "/accepted-today/" in html and "/accepted-long-ago/" in html
    assert "/rejected-today/" not in html
    # What the "Past 7 days" date filter link sends.
    since = str(timezone.now() - timedelta(days=7))
    html = staff_client.get(url, {"created_at__gte": since}).content.decode()
    assert "/accepted-today/" in html and "/accepted-long-ago/" not in html


def read_csv(response):
    content = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(content)))


def test_consent_log_exports_the_filtered_list_as_csv(staff_client):
    record = ConsentRecordFactory(action=Action.ACCEPT_ALL, page='=HYPERLINK("x")')
    ConsentRecordFactory(action=Action.REJECT_ALL)
    url = reverse(f"{RECORD_ADMIN}_export")
    response = staff_client.get(url, {"action__exact": "accept_all"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    header, *rows = read_csv(response)
    slugs = [category.slug for category in get_catalogue().categories]
    assert header == [
        "time",
        "consent id",
        "action",
        "policy version",
        "language",
        *slugs,
        "page",
        "user agent",
        "IP address hash",
    ]
    assert len(rows) == 1
    assert rows[0][1] == str(record.visitor_id)
    assert rows[0][2] == "accept_all"
    # A spreadsheet must not run a visitor-controlled value as a formula.
    assert rows[0][header.index("page")] == '\'=HYPERLINK("x")'


def test_consent_log_export_requires_staff(client):
    response = client.get(reverse(f"{RECORD_ADMIN}_export"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_consent_log_exports_selected_records(staff_client):
    chosen, _ = ConsentRecordFactory(), ConsentRecordFactory()
    response = staff_client.post(
        reverse(f"{RECORD_ADMIN}_changelist"),
        {"action": "export_selected", "_selected_action": [chosen.pk]},
    )
    _, *rows = read_csv(response)
    assert [row[1] for row in rows] == [str(chosen.visitor_id)]


@pytest.mark.usefixtures("every_category_in_use")
def test_consent_log_summarises_the_last_30_days(staff_client):
    allowing = {"necessary": True, "functional": True, "analytical": False}
    refusing = {"necessary": True, "functional": False, "analytical": False}
    ConsentRecordFactory.create_batch(3, choices=allowing)
    ConsentRecordFactory(choices=refusing)
    html = staff_client.get(reverse(f"{RECORD_ADMIN}_changelist")).content.decode()
    assert "4 visitors made a choice" in html
    assert_in_html('<tr><th scope="row">Functional</th><td>75%</td></tr>', html)
    assert_in_html('<tr><th scope="row">Analytical</th><td>0%</td></tr>', html)
    assert "Export these records as CSV" in html


def test_policy_versions_are_kept_for_reference(staff_client, client):
    client.post(reverse("consent:update"), {"policy": current_policy(), "action": "accept_all"})
    html = staff_client.get(reverse("admin:consent_policyversion_changelist")).content.decode()
    assert get_catalogue().version in html


def test_editor_is_told_when_a_change_asks_every_visitor_again(staff_client):
    category = CookieCategory.objects.get(slug="necessary")
    url = reverse(f"{CATEGORY_ADMIN}_change", args=[category.pk])
    CookieCategoryTranslation.objects.filter(category=category).delete()
    response = staff_client.post(
        url, category_form(category, description="New words."), follow=True
    )
    assert "every visitor will be asked for consent again" in response.content.decode()
    category.refresh_from_db()
    response = staff_client.post(url, category_form(category, order=99), follow=True)
    assert "asked for consent again" not in response.content.decode()


def test_editor_is_told_which_readers_an_english_rewording_asks_again(staff_client):
    category = CookieCategory.objects.get(slug="functional")
    url = reverse(f"{CATEGORY_ADMIN}_change", args=[category.pk])
    response = staff_client.post(
        url, category_form(category, description="New words."), follow=True
    )
    # German and French readers see their own translation, which did not change.
    assert "changed for readers of English" in response.content.decode()


def test_editor_finds_a_visitors_records_by_the_consent_id_they_quote(staff_client):
    wanted = ConsentRecordFactory(page="/wanted/")
    ConsentRecordFactory(page="/other/")
    url = reverse(f"{RECORD_ADMIN}_changelist")
    html = staff_client.get(url, {"q": str(wanted.visitor_id).upper()}).content.decode()
    assert "/wanted/" in html and "/other/" not in html
    assert staff_client.get(url, {"q": "not a consent id"}).status_code == 200
