"""Consent URLs, included at /consent/: the form, the preferences page and the visitor's record."""

from django.urls import path

from . import views

app_name = "consent"

urlpatterns = [
    path("", views.update, name="update"),
    path("preferences/", views.preferences, name="preferences"),
    path("history/", views.history, name="history"),
    path("state.js", views.state_script, name="state"),
    path("embeds/", views.embed_load, name="embed_load"),
    path("embeds/<int:pk>/frame/", views.embed_frame, name="embed_frame"),
]
