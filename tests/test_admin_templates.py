"""Admin overrides go where Django's documentation puts them (templates/admin/...): the admin
uses them, and the Jinja2 engine that reads the rest of templates/ never does."""

import copy
from pathlib import Path

import pytest
from django.template import TemplateDoesNotExist, engines
from django.test import Client

from tests.factories import StaffFactory
from tests.html import one

pytestmark = pytest.mark.django_db

# Django's template language only: Jinja2 has no {% load %} and would fail on it.
BASE_SITE = """{% extends "admin/base.html" %}{% load static %}
{% block branding %}<div id="site-name">Overridden {{ site_header }}</div>{% endblock %}"""
LOGIN = """{% extends "admin/login.html" %}{% load i18n %}
{% block content_title %}
<p id="override-note">{% translate "Editors sign in here" %}</p>
{% endblock %}"""


@pytest.fixture
def project_templates(tmp_path, settings):
    """An empty folder in place of the project's templates/, for every engine that reads it."""
    project = Path(settings.BASE_DIR) / "templates"
    templates = copy.deepcopy(settings.TEMPLATES)
    for engine in templates:
        engine["DIRS"] = [tmp_path if Path(d) == project else d for d in engine.get("DIRS", [])]
    settings.TEMPLATES = templates
    (tmp_path / "admin").mkdir()
    return tmp_path


def test_a_base_site_override_in_the_project_templates_is_used_by_the_admin(project_templates):
    (project_templates / "admin" / "base_site.html").write_text(BASE_SITE)
    editor = Client()
    editor.force_login(StaffFactory())
    response = editor.get("/admin/")
    assert response.status_code == 200
    assert one(response.content.decode(), "div", id="site-name").text.startswith("Overridden")


def test_a_login_override_in_the_project_templates_is_used_by_the_admin(project_templates):
    (project_templates / "admin" / "login.html").write_text(LOGIN)
    response = Client().get("/admin/login/")
    assert response.status_code == 200
    assert one(response.content.decode(), "p", id="override-note").text == "Editors sign in here"
    assert one(response.content.decode(), "form", id="login-form")


def test_the_reader_engine_never_reads_admin_templates(project_templates):
    (project_templates / "admin" / "base_site.html").write_text(BASE_SITE)
    (project_templates / "registration").mkdir()
    (project_templates / "registration" / "logged_out.html").write_text(BASE_SITE)
    (project_templates / "page.html").write_text("{{ 1 + 1 }}")
    reader_engine = engines["jinja2"]
    for name in ["admin/base_site.html", "./admin/base_site.html", "registration/logged_out.html"]:
        with pytest.raises(TemplateDoesNotExist):
            reader_engine.get_template(name)
    assert reader_engine.get_template("page.html").render() == "2"
    assert reader_engine.env.list_templates() == ["page.html"]
