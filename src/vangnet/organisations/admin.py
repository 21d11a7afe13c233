from django import forms
from django.contrib import admin, messages
from django.utils.text import format_lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .models import (
    Body,
    Department,
    InhabitantCount,
    Municipality,
    Ombudsman,
    Partner,
    SecondLineArrangement,
    Signatory,
    Theme,
)
from .models.signing import SIGNOFF_CHOICES


class MunicipalityForm(forms.ModelForm):
    signoff_kinds = forms.MultipleChoiceField(
        label=_("Brieven die ondertekend worden"),
        choices=SIGNOFF_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=Municipality._meta.get_field("signoff_kinds").help_text,
    )

    class Meta:
        model = Municipality
        fields = ["signoff_kinds"]  # with the fieldsets' other fields (the admin adds them)


class InhabitantCountInline(admin.TabularInline):
    model = InhabitantCount
    extra = 1


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    form = MunicipalityForm
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
        (_("Werkverdeling"), {"fields": ("handlers_may_pick_up",)}),
        (_("Ondertekening"), {"fields": ("signoff_kinds",)}),
    )

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Municipality.objects.exists()


@admin.register(Signatory)
class SignatoryAdmin(admin.ModelAdmin):
    list_display = ("user", "function")
    search_fields = ("user__first_name", "user__last_name", "user__username", "function")
    autocomplete_fields = ["user"]


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


COST_FIELDS = (
    "cost_model",
    "amount_per_inhabitant",
    "yearly_amount",
    "included_complaints",
    "price_per_extra_complaint",
)
COST_HELP = _(
    "Per inwoner: vul het bedrag per inwoner in. Vaste bijdrage: het bedrag per jaar, "
    "het aantal klachten dat daaronder valt en de prijs per extra klacht. Vast bedrag: "
    "alleen het bedrag per jaar."
)


@admin.register(Ombudsman)
class OmbudsmanAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "cost_model", "phone", "website")
    list_filter = ("kind", "cost_model")
    search_fields = ("name",)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "name",
                    "kind",
                    "address",
                    "phone",
                    "email",
                    "website",
                    "petition_term_months",
                )
            },
        ),
        (
            _("Tarief (wat deze ombudsman nu vraagt)"),
            {
                "fields": COST_FIELDS,
                "description": format_lazy(
                    "{} {}",
                    _(
                        "Voor de vergelijking op de pagina 'Kosten tweede lijn'. Wat een "
                        "bestuursorgaan werkelijk afsprak, staat bij de tweedelijnsvoorziening."
                    ),
                    COST_HELP,
                ),
            },
        ),
        (
            _("Vergelijking in woorden"),
            {
                "fields": ("independence", "local_involvement", "learning", "reach"),
                "description": _(
                    "Staat naast de kosten op de pagina 'Kosten tweede lijn'; daar ook te wijzigen."
                ),
            },
        ),
    )


@admin.action(description=_("Tarief van de ombudsman overnemen"))
def copy_tariff(modeladmin, request, queryset):
    """Give the selected arrangements their ombudsman's current tariff (explicit, so
    a body that pays through another body's arrangement keeps its empty terms)."""
    changed = 0
    for arrangement in queryset.select_related("ombudsman"):
        for name in COST_FIELDS:
            setattr(arrangement, name, getattr(arrangement.ombudsman, name))
        arrangement.save(update_fields=list(COST_FIELDS))
        changed += 1
    modeladmin.message_user(
        request,
        ngettext(
            "%(n)s regeling heeft het tarief van haar ombudsman gekregen.",
            "%(n)s regelingen hebben het tarief van hun ombudsman gekregen.",
            changed,
        )
        % {"n": changed},
        messages.SUCCESS,
    )


@admin.register(SecondLineArrangement)
class SecondLineArrangementAdmin(admin.ModelAdmin):
    list_display = ("body", "ombudsman", "effective_from", "cost_model")
    list_filter = ("body", "ombudsman", "cost_model")
    list_select_related = ("body", "ombudsman")
    autocomplete_fields = ["ombudsman"]
    actions = [copy_tariff]
    readonly_fields = ("ombudsman_tariff",)
    fieldsets = (
        (None, {"fields": ("body", "ombudsman", "effective_from", "notes")}),
        (
            _("Kosten (wat dit bestuursorgaan afsprak)"),
            {
                "fields": (*COST_FIELDS, "ombudsman_tariff"),
                "description": format_lazy(
                    "{} {}",
                    _(
                        "Kies 'Geen eigen kosten' als dit bestuursorgaan meebetaalt met een "
                        "ander; leeg betekent: onbekend. Het tarief "
                        "van de ombudsman overnemen: kies de regeling in de lijst en de actie "
                        "'Tarief van de ombudsman overnemen'."
                    ),
                    COST_HELP,
                ),
            },
        ),
    )

    @admin.display(description=_("Tarief van de ombudsman nu"))
    def ombudsman_tariff(self, obj) -> str:
        if obj is None or not obj.ombudsman_id:
            return "–"
        ombudsman = obj.ombudsman
        if not ombudsman.cost_model:
            return gettext("Niet ingevuld")
        parts = [ombudsman.get_cost_model_display()]
        for name in COST_FIELDS[1:]:
            value = getattr(ombudsman, name)
            if value is not None:
                parts.append(f"{ombudsman._meta.get_field(name).verbose_name}: {value}")
        return "; ".join(str(part) for part in parts)
