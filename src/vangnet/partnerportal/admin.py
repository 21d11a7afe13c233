"""The partners' figures in the admin: read-only. Figures are given by the partner (the
portal, a CSV file or the API) through `partnerportal.figures`, which keeps the sums and
the versions right; a correction is a new version there, never an edit here."""

from django.contrib import admin

from .models import FiguresReminder, PartnerReport, PartnerReportLine


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PartnerReportLineInline(ReadOnlyMixin, admin.TabularInline):
    model = PartnerReportLine
    extra = 0


@admin.register(PartnerReport)
class PartnerReportAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("partner", "period_label", "version", "is_current", "submitted_at", "source")
    list_filter = ("year", "period", "is_current", "source", "partner")
    list_select_related = ("partner",)
    inlines = [PartnerReportLineInline]


@admin.register(FiguresReminder)
class FiguresReminderAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("partner", "year", "period", "sent_at", "sent_by", "sent_to")
    list_filter = ("year", "period", "partner")
    list_select_related = ("partner", "sent_by")
