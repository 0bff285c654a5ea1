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


def module_name(path):
    parts = path.relative_to(PROJECT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def absolute_imports(path):
    """Every module `path` imports, relative imports resolved (`from . import x` names both
    the package and `x`)."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path.parent)
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(filter(None, [base, node.module]))
            yield module
            yield from (f"{module}.{alias.name}" for alias in node.names)


@pytest.mark.parametrize("app", ["articles", "comments", "consent"])
def test_nothing_an_apps_models_import_imports_its_models_back(app):
    """A module the models need is below them: it never needs the models in return."""
    models = f"{app}.models"
    models_files = [PROJECT / app / "models.py", *sorted((PROJECT / app / "models").glob("*.py"))]
    needed = {
        PROJECT / f"{module.replace('.', '/')}.py"
        for path in models_files
        if path.exists()
        for module in absolute_imports(path)
        if module.startswith(f"{app}.") and not module.startswith(models)
    }
    importing_back = [
        str(path.relative_to(PROJECT))
        for path in sorted(needed)
        if path.exists()
        and any(name == models or name.startswith(f"{models}.") for name in absolute_imports(path))
    ]
    assert importing_back == []
