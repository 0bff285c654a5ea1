"""Django's own user and group admins on our site, with every date-and-time box named
(admin_widgets.py). The site class itself is in admin_site.py."""

from django.contrib import admin
from django.contrib.auth import admin as auth_admin  # registers User and Group first
from django.contrib.auth.models import User

from .admin_widgets import LabelledDateTimesMixin


class UserAdmin(LabelledDateTimesMixin, auth_admin.UserAdmin):
    pass


admin.site.unregister(User)
admin.site.register(User, UserAdmin)
