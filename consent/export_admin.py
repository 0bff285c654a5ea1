"""Consent log exports in the admin: the list of those asked for, and their downloads
(consent/exports.py writes them)."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import ConsentExport, ConsentRecord


@admin.register(ConsentExport)
class ConsentExportAdmin(admin.ModelAdmin):
    list_display = ["created_at", "requested_by", "filters", "status", "rows", "download"]
    list_filter = ["status"]
    fields = ["created_at", "requested_by", "filters", "status", "rows", "finished_at", "error"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def _may_read_the_log(self, request):
        return admin.site.get_model_admin(ConsentRecord).has_view_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._may_read_the_log(request)

    def has_module_permission(self, request):
        return self._may_read_the_log(request)

    @admin.display(description=_("download"))
    def download(self, export):
        if export.status != ConsentExport.Status.READY:
            return ""
        url = reverse("admin:consent_consentexport_download", args=[export.pk])
        return format_html('<a href="{}">{}</a>', url, _("Download CSV"))

    def get_urls(self):
        download = self.admin_site.admin_view(self.download_view)
        return [
            path("<int:pk>/download/", download, name="consent_consentexport_download"),
            *super().get_urls(),
        ]

    def download_view(self, request, pk):
        if not self._may_read_the_log(request):
            raise PermissionDenied
        export = get_object_or_404(ConsentExport, pk=pk, status=ConsentExport.Status.READY)
        try:
            handle = export.file.open("rb")
        except FileNotFoundError:
            raise Http404("The file is gone.") from None
        name = f"consent-log-{export.created_at:%Y-%m-%d}-{export.pk}.csv"
        return FileResponse(handle, as_attachment=True, filename=name, content_type="text/csv")
