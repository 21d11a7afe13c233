"""How the API names what a form chooses from a list (registered with `forms`): a theme
by slug or id, a partner by slug, a staff member by username, a department by id, a
party of a cooperation complaint as `{"partner": ...}` or `{"department": ...}`, and
several files as `files`. Imported by every module that derives a serializer from a
form."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from vangnet.core.forms import MultipleFileField
from vangnet.handling.actions.contribution import PartyField
from vangnet.organisations.models import Department, Partner, Theme

from . import enums  # noqa: F401  (registers the enums the forms' choices map to)
from .fields import ThemeField, partner_field, user_field
from .forms import register_field, register_lookup


def department_field(**kwargs) -> serializers.PrimaryKeyRelatedField:
    return serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.all(),
        error_messages={"does_not_exist": _("Onbekende afdeling: {pk_value}.")},
        **kwargs,
    )


class PartySerializer(serializers.Serializer):
    """A party of a cooperation complaint: `{"partner": "<slug>"}` (one of the
    complaint's partners) or `{"department": <id>}`."""

    partner = partner_field(required=False, allow_null=True, help_text="The partner's slug.")
    department = department_field(required=False, allow_null=True, help_text="The department's id.")

    def validate(self, attrs):
        chosen = [value for value in (attrs.get("partner"), attrs.get("department")) if value]
        if len(chosen) != 1:
            raise serializers.ValidationError(
                _("Kies één partij: een samenwerkingspartner of een afdeling.")
            )
        return chosen[0]


def _described(make, help_text: str):
    def field(**kwargs):
        kwargs.setdefault("help_text", help_text)
        return make(**kwargs)

    return field


def _source(kwargs: dict) -> dict:
    return {"source": kwargs["source"]} if "source" in kwargs else {}


register_lookup(Theme, ThemeField)
register_lookup(Partner, _described(partner_field, "Slug of the partner."))
register_lookup(get_user_model(), _described(user_field, "Username of the staff member."))
register_lookup(Department, _described(department_field, "Id of the department."))
register_field(
    PartyField,
    lambda field, **kwargs: PartySerializer(required=False, allow_null=True, **_source(kwargs)),
)
register_field(
    MultipleFileField,
    lambda field, **kwargs: serializers.ListField(
        child=serializers.FileField(),
        required=False,
        help_text="One or more files: PDF, JPG or PNG (recognised by content).",
        **_source(kwargs),
    ),
)
