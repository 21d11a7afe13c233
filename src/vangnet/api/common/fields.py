"""Fields and small shapes the API's resources share: look-ups by slug or username (with
a plain message for an unknown one), the state enum, references to a user, body,
department, partner, theme or complaint, and `NamedSerializer` for anything shown by id
and name."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from vangnet.complaints.workflow import State
from vangnet.organisations.models import Partner, Theme

User = get_user_model()


@extend_schema_field(
    {
        "oneOf": [{"type": "string"}, {"type": "integer"}],
        "description": 'The theme\'s slug, e.g. "schulden", or its id as a number.',
        "example": "schulden",
    }
)
class ThemeField(serializers.Field):
    """A theme given by its slug ("schulden") or, as a JSON number, by its id."""

    default_error_messages = {
        "unknown": _("Onbekend thema: {value}."),
        "invalid": _('Geef het thema als korte naam (bijvoorbeeld "schulden") of als nummer.'),
    }

    def to_internal_value(self, data):
        if isinstance(data, bool):
            self.fail("invalid")
        if isinstance(data, int):
            lookup = {"pk": data}
        elif isinstance(data, str) and data.strip():
            lookup = {"slug": data.strip()}
        else:
            self.fail("invalid")
        theme = Theme.objects.select_related("parent").filter(**lookup).first()
        if theme is None:
            self.fail("unknown", value=data)
        return theme

    def to_representation(self, value):
        return value.slug


def partner_field(**kwargs) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Partner.objects.all(),
        error_messages={"does_not_exist": _("Onbekende samenwerkingspartner: {value}.")},
        **kwargs,
    )


def user_field(**kwargs) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="username",
        queryset=User.objects.all(),
        error_messages={"does_not_exist": _("Onbekende medewerker: {value}.")},
        **kwargs,
    )


@extend_schema_field(
    {
        "type": "string",
        "enum": State.values,
        "description": "\n".join(f"* `{choice.value}` - {choice.label}" for choice in State),
    },
    component_name="State",
)
class StateField(serializers.ChoiceField):
    """A complaint state; one schema component for `state` and the transitions' `target`."""

    def __init__(self, **kwargs):
        super().__init__(choices=State.choices, **kwargs)


class NamedSerializer(serializers.Serializer):
    """Anything shown by its id and name: a department, partner, body or ombudsman in
    the learning and second-line resources."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class ComplaintRefSerializer(serializers.Serializer):
    """A complaint named in another resource (a bottleneck, a discussion, an ombudsman
    case): its id and reference."""

    id = serializers.IntegerField(read_only=True)
    reference = serializers.CharField(read_only=True)


class UserRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    username = serializers.CharField(read_only=True)
    name = serializers.SerializerMethodField()

    def get_name(self, user) -> str:
        return user.get_full_name() or user.username


class BodyRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class DepartmentRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class PartnerRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    slug = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class ThemeRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    slug = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class ThemeSerializer(ThemeRefSerializer):
    parent = ThemeRefSerializer(
        read_only=True, allow_null=True, help_text="The main theme; null for a main theme."
    )
