"""What an editor does to reach the admin: sign in with the staff account's password."""

from playwright.sync_api import expect

from tests.factories import StaffFactory

EDITOR_PASSWORD = "correct horse battery staple"  # StaffFactory's password


def sign_in_as_editor(page, next_url="/admin/"):
    """Sign in as a new staff member through the login form, landing on `next_url`."""
    editor = StaffFactory()
    page.goto(f"/admin/login/?next={next_url}")
    page.get_by_label("Username").fill(editor.username)
    page.get_by_label("Password").fill(EDITOR_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    return editor
