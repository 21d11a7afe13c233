from django.contrib import admin

from .models import (
    Body,
    Department,
    InhabitantCount,
    Municipality,
    Ombudsman,
    Partner,
    SecondLineArrangement,
    Theme,
)


class InhabitantCountInline(admin.TabularInline):
    model = InhabitantCount
    extra = 1


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    inlines = [InhabitantCountInline]
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "name",
                    "short_name",
                    "address",
                    "phone",
                    "email",
                    "website",
                    "report_url",
                )
            },
        ),
        ("Huisstijl", {"fields": ("logo", "primary_colour", "accent_colour")}),
        (
            "Termijnen (beleid)",
            {
                "fields": (
                    "acknowledge_working_days",
                    "first_contact_working_days",
                    "due_soon_working_days",
                    "partner_escalation_working_days",
                    "partner_report_frequency",
                    "reminder_hour",
                )
            },
        ),
    )

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Municipality.objects.exists()


class SecondLineArrangementInline(admin.TabularInline):
    model = SecondLineArrangement
    extra = 1
    autocomplete_fields = ["ombudsman"]


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "is_default")
    inlines = [SecondLineArrangementInline]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name", "email", "is_active")
    search_fields = ("name",)


class SubThemeInline(admin.TabularInline):
    model = Theme
    fk_name = "parent"
    fields = ("name", "slug", "synonyms", "is_active")
    prepopulated_fields = {"slug": ("name",)}
    extra = 0


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ("__str__", "synonyms", "is_active")
    list_filter = ("parent", "is_active")
    search_fields = ("name", "synonyms")
    prepopulated_fields = {"slug": ("name",)}
    list_select_related = ("parent",)

    def get_inlines(self, request, obj):
        return [SubThemeInline] if obj is None or obj.parent_id is None else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            kwargs["queryset"] = Theme.objects.filter(parent__isnull=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ("name", "regime", "complaint_email", "complaint_phone", "is_active")
    list_filter = ("regime", "is_active", "themes")
    search_fields = ("name", "public_tasks")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("themes",)


@admin.register(Ombudsman)
class OmbudsmanAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "phone", "website")
    search_fields = ("name",)


@admin.register(SecondLineArrangement)
class SecondLineArrangementAdmin(admin.ModelAdmin):
    list_display = ("body", "ombudsman", "effective_from")
    list_filter = ("body", "ombudsman")
    list_select_related = ("body", "ombudsman")
