"""Every admin page, not only the daily ones: each registered model's list, its add form and
the change form of a row pass axe-core with no serious or critical violation at 1280 px. The
list of pages comes from the admin's registry, so a model registered later is audited too."""

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import expect

from comments import statements
from comments.models import Comment, CommentReport, ModerationReason
from comments.people import restrict
from tests.e2e import accessibility
from tests.e2e.admin_steps import sign_in_as_editor
from tests.factories import (
    ArticleFactory,
    CommentFactory,
    ConsentRecordFactory,
    CookieDeclarationFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def some_of_everything():
    story = ArticleFactory()
    comment = CommentFactory(article=story)
    CommentReport.objects.create(comment=comment, reason="personal")
    # The seeded reasons are there or not, depending on which test flushed the tables last.
    reason, _ = ModerationReason.objects.get_or_create(
        code="off-topic", defaults={"title": "Off topic", "text": "Not here."}
    )
    reason.translations.get_or_create(
        language="de", defaults={"title": "Abseits", "text": "Nicht hier."}
    )
    removed = CommentFactory(article=story)
    decisions = statements.decide(
        Comment.objects.filter(pk=removed.pk), "removed", None, "http://testserver", reason=reason
    )
    statements.ask_for_review(decisions[0], "Please look again.")
    restrict(Comment.objects.filter(pk=removed.pk), "Spamming", days=7, by=StaffFactory())
    CookieDeclarationFactory()
    ConsentRecordFactory()


def admin_pages():
    """(name, address) of every list, add form and first row's change form in the admin."""
    for model in admin.site._registry:
        name = f"{model._meta.app_label}_{model._meta.model_name}"
        try:
            yield f"{name} list", reverse(f"admin:{name}_changelist")
        except NoReverseMatch:
            continue
        yield f"{name} add", reverse(f"admin:{name}_add")
        first = model.objects.first()
        if first is not None:
            yield f"{name} change", reverse(f"admin:{name}_change", args=[first.pk])


def test_every_admin_page_passes_axe(new_context):
    some_of_everything()
    page = new_context(viewport={"width": 1280, "height": 800}).new_page()
    sign_in_as_editor(page)
    found, visited = {}, 0
    for name, address in admin_pages():
        response = page.goto(address)
        if response.status == 403:  # an add form the admin offers nobody (logs, records)
            continue
        assert response.status == 200, f"{name}: {address} answered {response.status}"
        expect(page.locator("#content")).to_be_visible()
        visited += 1
        violations = accessibility.blocking_violations(page, javascript_enabled=True)
        if violations:
            found[f"{name} ({address})"] = accessibility.describe(violations)
    assert visited > 30
    assert not found, "\n\n".join(f"{name}:\n{text}" for name, text in found.items())
