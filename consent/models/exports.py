"""Exports of the consent log prepared in the background (consent/exports.py)."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def export_storage():
    """Private files: served only through the admin's download view, never by a web server."""
    return FileSystemStorage(location=settings.CONSENT_EXPORT_ROOT)


class ConsentExport(models.Model):
    """A CSV of (a filtered part of) the consent log, written by `manage.py
    run_consent_exports` for the editor who asked: a log of millions of records takes minutes
    to write, longer than a web request may run."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        RUNNING = "running", _("Being written")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    filters = models.CharField(
        verbose_name=_("filters"),
        max_length=2000,
        blank=True,
        help_text=_("The consent log list's filters and search, as in its address."),
    )
    status = models.CharField(
        verbose_name=_("status"), max_length=8, choices=Status.choices, default=Status.WAITING
    )
    created_at = models.DateTimeField(verbose_name=_("requested at"), default=timezone.now)
    finished_at = models.DateTimeField(verbose_name=_("finished at"), null=True, blank=True)
    rows = models.PositiveBigIntegerField(verbose_name=_("records"), default=0)
    file = models.FileField(
        verbose_name=_("file"), storage=export_storage, upload_to="consent-log/", blank=True
    )
    error = models.CharField(verbose_name=_("error"), max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("consent log export")
        verbose_name_plural = _("consent log exports")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.status}"
