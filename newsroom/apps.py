"""The project's own app (security counters, the page cache) and Django's admin with our site."""

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class NewsroomConfig(AppConfig):
    name = "newsroom"
    default = True


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with our site class (newsroom/admin_site.py) as `admin.site`."""

    default = False
    default_site = "newsroom.admin_site.NewsroomAdminSite"
