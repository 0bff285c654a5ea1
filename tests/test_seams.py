"""The apps depend on each other one way: comments and consent may know articles, articles
knows neither. Comments reach a story through their template tag and URLs, consent reaches
pages through its middleware, context processor and templates. The project's own app
(newsroom: security counters, the page cache) knows none of them; only its URLconf, which puts
the site together, names their views."""

import ast
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent


def imported_modules(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def offenders(app, other_app, allowed=()):
    return [
        str(path.relative_to(PROJECT))
        for path in sorted((PROJECT / app).rglob("*.py"))
        if str(path.relative_to(PROJECT)) not in allowed
        and any(
            module == other_app or module.startswith(f"{other_app}.")
            for module in imported_modules(path)
        )
    ]


@pytest.mark.parametrize("other_app", ["comments", "consent"])
def test_no_module_of_articles_imports_comments_or_consent(other_app):
    assert offenders("articles", other_app) == []


@pytest.mark.parametrize("other_app", ["articles", "comments", "consent"])
def test_no_module_of_newsroom_but_its_urlconf_imports_an_app(other_app):
    assert offenders("newsroom", other_app, allowed={"newsroom/urls.py"}) == []
