"""Building blocks of the actions' input forms (besides `core.forms`' field builders):
a date that may start as today, and the look-ups (themes grouped, handlers, any row of
a model while offering the active ones).

An action's form only parses and type-checks (dates, choices, look-ups): the rules —
what is required, which dates are allowed, Awb 9:8's four weeks, 9:11's one extension
— live in the action's handler, so the page and the API report the same errors in the
same words. Fields are optional here for that reason. The page renders the form (with
the Utrecht classes of `core.forms.style_form`); the API derives its request body from
it (`api.common.forms.serializer_from_form`).
"""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _

from vangnet.complaints import deadlines
from vangnet.core import forms as forms_kit
from vangnet.core.roles import Role
from vangnet.organisations.models import Theme


def date_field(label, *, help_text="", today=False):
    """A date; `today`: the page's empty form starts with today (when something happened)."""
    return forms_kit.date_field(
        label, help_text=help_text, initial=deadlines.today if today else None
    )


# --- Look-ups ---------------------------------------------------------------------------


class GroupedThemeIterator(BaseChoiceIterator):
    """Active themes as <optgroup>s per main theme. A main theme is itself selectable
    ("algemeen") for a complaint that fits none of its sub-themes. One query, run only
    when the select is rendered."""

    def __init__(self, field):
        self.field = field

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        themes = list(
            Theme.objects.filter(is_active=True).select_related("parent").order_by("name")
        )
        mains = [theme for theme in themes if theme.parent_id is None]
        children: dict[int, list[Theme]] = {}
        for theme in themes:
            if theme.parent_id is not None:
                children.setdefault(theme.parent_id, []).append(theme)
        for main in mains:
            options = [(main.pk, _("%(theme)s (algemeen)") % {"theme": main.name})]
            options += [(child.pk, child.name) for child in children.pop(main.pk, [])]
            yield (main.name, options)
        # Active sub-themes under an inactive main theme.
        for group in children.values():
            yield (group[0].parent.name, [(child.pk, child.name) for child in group])

    def __len__(self):
        return 1


class ThemeChoiceField(forms.ModelChoiceField):
    """Shows only active themes, grouped by main theme, but accepts any theme: choosing a
    theme that is no longer used gets the action's plain message, not a generic one."""

    iterator = GroupedThemeIterator

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("empty_label", _("Kies een thema"))
        kwargs.setdefault("error_messages", {"invalid_choice": _("Kies een thema uit de lijst.")})
        super().__init__(queryset=Theme.objects.select_related("parent"), **kwargs)


def handler_choices():
    """Active staff who may handle complaints (role handler or coordinator)."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[Role.HANDLER, Role.COORDINATOR])
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class LookupChoiceField(forms.ModelChoiceField):
    """Offers the rows of `queryset` on the page but accepts any row of `lookup`: the
    action then says in plain words why, say, an inactive partner cannot be chosen."""

    def __init__(self, *, lookup, **kwargs):
        super().__init__(**kwargs)
        self.lookup = lookup

    def to_python(self, value):
        if value in self.empty_values:
            return None
        key = self.to_field_name or "pk"
        try:
            return self.lookup.get(**{key: value})
        except (ValueError, TypeError, self.lookup.model.DoesNotExist):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            ) from None
