"""Consent log exports in the admin: the export link and action of the consent log list, the
list of exports asked for, and their downloads (consent/exports.py writes them)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .catalogue import get_catalogue
from .export import consent_log_csv
from .exports import DIRECT_EXPORT_LIMIT, fits_one_request, request_export
from .models import ConsentExport, ConsentRecord


class ConsentLogExportMixin:
    """The consent log list's CSV export: the filtered list, or the records ticked."""

    def get_urls(self):
        export = self.admin_site.admin_view(self.export_view)
        return [
            path("export.csv", export, name="consent_consentrecord_export"),
            *super().get_urls(),
        ]

    def _category_slugs(self):
        return [category.slug for category in get_catalogue().categories]

    def export_view(self, request):
        """The whole log as filtered on the list page (same query string), as CSV: at once if
        it is short, otherwise (after the editor confirms) written in the background."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            request_export(request.user, request.POST.get("filters", ""))
            self.message_user(
                request,
                _("The export is being written. It will be ready to download here."),
                messages.SUCCESS,
            )
            return redirect("admin:consent_consentexport_changelist")
        records = self.get_changelist_instance(request).get_queryset(request)
        if fits_one_request(records):
            return consent_log_csv(records, self._category_slugs())
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Export the consent log"),
            "filters": request.GET.urlencode(),
            "limit": DIRECT_EXPORT_LIMIT,
        }
        return TemplateResponse(request, "admin/consent/consentrecord/export_later.html", context)

    @admin.action(description=_("Export selected records as CSV"))
    def export_selected(self, request, queryset):
        return consent_log_csv(queryset, self._category_slugs())


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
