"""The register in the Django admin is read-only and scoped by the same permission
rules as the back office: every change goes through the services."""

from django.contrib import admin

from . import selectors
from .models import Complaint


@admin.register(Complaint)
class ComplaintAdmin(admin.ModelAdmin):
    list_display = (
        "reference",
        "kind",
        "state",
        "received_on",
        "channel",
        "theme",
        "handler",
        "decide_by",
    )
    list_filter = ("kind", "state", "channel")
    search_fields = ("reference",)
    list_select_related = ("theme__parent", "handler")
    date_hierarchy = "received_on"
    exclude = ("search_text",)

    def get_queryset(self, request):
        return selectors.visible_complaints(request.user).select_related("theme__parent", "handler")

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return request.user.has_perm("complaints.list_complaints")
        return request.user.has_perm("complaints.view_complaint", obj)

    def has_module_permission(self, request):
        return request.user.has_perm("complaints.list_complaints")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
