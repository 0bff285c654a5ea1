"""The accessibility bar for browser tests: axe-core finds no serious or critical WCAG 2.2 A/AA
violation on the page as the reader sees it.

axe-core comes from the npm registry (package.json, installed by `npm ci`); it is evaluated in
the page through the DevTools protocol, which a strict Content-Security-Policy does not block.
"""

from pathlib import Path

AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING_IMPACTS = {"serious", "critical"}

RUN_AXE = """async (tags) => {
    const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
    return results.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        targets: violation.nodes.map((node) => node.target.join(" ")),
        summaries: violation.nodes.map((node) => node.failureSummary),
    }));
}"""


def axe_source():
    if not AXE_SCRIPT.exists():
        raise RuntimeError(
            f"{AXE_SCRIPT} is missing: run `npm ci` (or `make browser-deps`) in the project folder."
        )
    return AXE_SCRIPT.read_text()


def run_axe(page):
    """Every WCAG A/AA violation axe-core finds on the page, whatever its impact."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    return page.evaluate(RUN_AXE, WCAG_TAGS)


def audit_without_javascript(page):
    """Audit a page that was rendered with JavaScript off.

    axe-core needs timers, and a page without JavaScript has none. So the exact document that
    page received is served again, in a context that runs scripts but refuses the site's own
    script files: what axe sees is what a reader without JavaScript sees.
    """
    html, url = page.content(), page.url
    document_url = url.split("#")[0]  # a page answering a POST cannot be fetched again
    context = page.context.browser.new_context(viewport=page.viewport_size)
    try:
        context.route("**/*.js", lambda route: route.abort())
        context.route(
            lambda candidate: candidate.split("#")[0] == document_url,
            lambda route: route.fulfill(body=html, content_type="text/html"),
        )
        audit_page = context.new_page()
        audit_page.goto(url)
        return run_axe(audit_page)
    finally:
        context.close()


def blocking_violations(page, *, javascript_enabled=True):
    violations = run_axe(page) if javascript_enabled else audit_without_javascript(page)
    return [violation for violation in violations if violation["impact"] in BLOCKING_IMPACTS]


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for target, summary in zip(violation["targets"], violation["summaries"], strict=True):
            lines.append(f"  at {target}: {summary}")
    return "\n".join(lines)
