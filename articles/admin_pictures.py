"""The media library in the admin, and the focal point editors set on a picture.

The focal point is two numbers (0 to 1, across and down) in plain inputs, so it can be set
without JavaScript; static/editors/focal-point.js adds the quicker way, a click on the picture,
which fills the two inputs and shows a marker. The story editor's image button lists the
library (`image_choices`, read by TinyMCE's `image_list`), so a picture uploaded once is
reused in any story.
"""

from django.contrib import admin
from django.http import JsonResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .forms import FocalPointForm
from .pictures import Picture

# How many of the newest pictures the editor's image button lists; older ones are found by
# title in the library and pasted as its page shows.
IMAGE_CHOICES = 200


def focal_point_picker(file, field_x, field_y, missing=None):
    """The picture an editor clicks to set its focal point (the two inputs stay the fallback);
    `missing` is what to say while there is no picture yet."""
    if not file:
        return missing or gettext(
            "Save the picture first; then click it here to set its focal point."
        )
    return format_html(
        '<div class="focal-point" data-focus-x="{}" data-focus-y="{}">'
        '<img src="{}" alt="" width="320"><span class="focal-point-marker" hidden></span></div>'
        '<p class="help">{}</p>',
        field_x,
        field_y,
        file.url,
        gettext(
            "Click the part of the picture that must stay in frame when it is cropped, or type "
            "its position in the two boxes below."
        ),
    )


class PictureAdminForm(FocalPointForm, admin.ModelAdmin.form):
    focus_fields = ("focus_x", "focus_y")


@admin.register(Picture)
class PictureAdmin(admin.ModelAdmin):
    form = PictureAdminForm
    list_display = ["title", "thumbnail", "alt_text", "credit", "uploaded_at"]
    search_fields = ["title", "alt_text", "caption", "credit"]
    date_hierarchy = "uploaded_at"
    readonly_fields = ["focal_point", "size", "tag_to_paste", "uploaded_at"]
    fieldsets = [
        (None, {"fields": ["file", "title", "alt_text", "caption", "credit"]}),
        (_("Focal point"), {"fields": ["focal_point", "focus_x", "focus_y"]}),
        (_("Details"), {"fields": ["size", "tag_to_paste", "uploaded_at"]}),
    ]

    class Media:
        css = {"all": ["editors/focal-point.css"]}
        js = ["editors/focal-point.js"]

    @admin.display(description=_("picture"))
    def thumbnail(self, picture):
        return format_html('<img src="{}" alt="" width="80">', picture.file.url)

    @admin.display(description=_("focal point"))
    def focal_point(self, picture):
        return focal_point_picker(picture.file, "id_focus_x", "id_focus_y")

    @admin.display(description=_("size"))
    def size(self, picture):
        return f"{picture.width} × {picture.height}"

    @admin.display(description=_("to use in a story"))
    def tag_to_paste(self, picture):
        if not picture.pk:
            return "-"
        tag = f'<img src="{picture.file.url}" alt="">'
        return format_html(
            "<code>{}</code><p class='help'>{}</p>",
            tag,
            gettext(
                "Choose the picture with the image button of the story editor, or paste this "
                "in the editor's source code view. The alt text, caption and credit come from "
                "here."
            ),
        )

    def get_urls(self):
        choices = path(
            "choices.json",
            self.admin_site.admin_view(self.image_choices),
            name="articles_picture_choices",
        )
        return [choices, *super().get_urls()]

    def image_choices(self, request):
        """The library as TinyMCE's image button lists it: title and address, newest first."""
        if not self.has_view_permission(request):
            return JsonResponse([], safe=False, status=403)
        pictures = Picture.objects.only("title", "file")[:IMAGE_CHOICES]
        listed = [{"title": picture.title, "value": picture.file.url} for picture in pictures]
        return JsonResponse(listed, safe=False)
