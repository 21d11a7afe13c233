"""Survey answers in the Django admin: read-only, for whoever holds the model's view
permission (the coordinator group, see `core/setup.py`), scoped to the complaints the
user may see. Handling an answer is done in the back office, through the services."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from vangnet.complaints import selectors

from .models import SurveyResponse


@admin.register(SurveyResponse)
class SurveyResponseAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "reference",
        "satisfaction",
        "outcome",
        "short_comment",
        "handling",
        "handled_at",
        "handled_by",
    )
    list_filter = ("satisfaction", "handling", "invitation__outcome")
    search_fields = ("invitation__complaint__reference",)
    list_select_related = ("invitation__complaint", "handled_by")
    date_hierarchy = "created_at"
    fields = (
        "reference",
        "outcome",
        "satisfaction",
        "comment",
        "created_at",
        "handling",
        "handled_at",
        "handled_by",
    )
    readonly_fields = fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(invitation__complaint__in=selectors.visible_complaints(request.user))
        )

    @admin.display(description=_("kenmerk"), ordering="invitation__complaint__reference")
    def reference(self, obj: SurveyResponse) -> str:
        return obj.invitation.complaint.reference

    @admin.display(description=_("uitkomst"), ordering="invitation__outcome")
    def outcome(self, obj: SurveyResponse) -> str:
        return obj.invitation.get_outcome_display()

    @admin.display(description=_("wat kunnen wij beter doen"))
    def short_comment(self, obj: SurveyResponse) -> str:
        return obj.comment[:80]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
