"""The accessibility check itself catches real problems, with JavaScript on and off.

Every page test relies on it reporting nothing; this proves "nothing" is a finding.
"""

import pytest

from tests.e2e import accessibility

FLAWED_PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Flawed</title></head>
<body><main>
  <h1>A flawed form</h1>
  <form><input type="text" name="unlabelled"></form>
  <img src="/static/img/logo.png">
</main></body></html>"""


@pytest.mark.parametrize("javascript_enabled", [True, False], ids=["js", "no-js"])
def test_accessibility_check_reports_unlabelled_field_and_image_without_alt(
    page, live_server, javascript_enabled
):
    url = f"{live_server.url}/flawed-page/"
    page.route(url, lambda route: route.fulfill(body=FLAWED_PAGE, content_type="text/html"))
    page.goto(url)
    violations = accessibility.blocking_violations(page, javascript_enabled=javascript_enabled)
    assert {violation["id"] for violation in violations} >= {"label", "image-alt"}
