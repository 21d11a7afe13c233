from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import DecreeDay, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Organisatie"), {"fields": ("department", "partner")}),
    )
    list_display = ("username", "first_name", "last_name", "department", "partner", "is_active")
    list_filter = ("groups", "department", "partner", "is_active")
    list_select_related = ("department", "partner")


@admin.register(DecreeDay)
class DecreeDayAdmin(admin.ModelAdmin):
    list_display = ("date", "description")
    date_hierarchy = "date"
