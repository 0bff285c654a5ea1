"""The editors' desk as one AdminSite: its login refuses password guessing (admin_login.py)
and its front page shows how many comments wait for moderation."""

from django.contrib import admin

from .admin_login import LockoutAdminAuthenticationForm


class NewsroomAdminSite(admin.AdminSite):
    login_form = LockoutAdminAuthenticationForm
    index_template = "comments/admin_index.html"
