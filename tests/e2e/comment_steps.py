"""What a reader does with the comment form, and what an editor does at the moderation desk."""

from playwright.sync_api import expect

from tests.factories import StaffFactory, signed_cookie

EDITOR_PASSWORD = "correct horse battery staple"  # StaffFactory's password


def comment_form(page):
    return page.locator("form#respond")


def textbox(form, label):
    return form.get_by_role("textbox", name=label, exact=True)


def field(form, label):
    """The box around one field: its label, help text, errors and input."""
    inner = form.page.get_by_role("textbox", name=label, exact=True)  # relative to each box
    return form.locator(".form-field").filter(has=inner)


def write_comment(form, *, text="", name="", email="", website=""):
    for label, value in (("Comment", text), ("Name", name), ("Email", email), ("Website", website)):
        textbox(form, label).fill(value)


def send(form):
    """Press the form's button and wait for the page that answers it."""
    with form.page.expect_navigation():
        form.get_by_role("button", name="Post").click()


def approve_as_editor(new_context, comment_text, save_screenshot=None):
    """An editor signs in to the admin, finds the comment among the pending ones and approves it."""
    editor = StaffFactory()
    page = new_context().new_page()
    page.goto("/admin/login/?next=/admin/comments/comment/%3Fstatus__exact%3Dpending")
    page.get_by_label("Username").fill(editor.username)
    page.get_by_label("Password").fill(EDITOR_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    row = page.locator("#result_list tbody tr").filter(has_text=comment_text)
    expect(row, "the comment waits in the pending list").to_have_count(1)
    if save_screenshot:
        save_screenshot(page, "admin-moderation-list")
    row.get_by_role("checkbox").check()
    page.get_by_label("Action:").select_option(label="Approve selected comments (publish them)")
    with page.expect_navigation():
        page.get_by_role("button", name="Go").click()
    expect(page.get_by_text("Approved 1 comment.")).to_be_visible()


def prove_address_in_browser(context, site_url, email):
    """The address confirmed, and this browser holding the cookie that confirming it gives
    (see comments/confirmation.py): its comments from this address can be published at once."""
    from django.utils import timezone

    from comments import confirmation
    from comments.models import CommenterAddress

    CommenterAddress.objects.update_or_create(
        email=email.lower(), defaults={"confirmed_at": timezone.now()}
    )
    value = signed_cookie(
        confirmation.COOKIE_NAME, [confirmation.address_key(email)], confirmation.COOKIE_SALT
    )
    context.add_cookies([{"name": confirmation.COOKIE_NAME, "value": value, "url": site_url}])
