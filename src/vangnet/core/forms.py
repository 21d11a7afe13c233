"""The shared form kit of every page: Utrecht (NL Design System) class names on the
widgets, a form that carries them, a field for several files, and putting a service's
`ValidationError` next to the fields it is about.

Forms only parse and check the shape of the input (a date is a date, a choice is one of
the choices). The rules live in the services; their `ValidationError`s are put on the
form's fields with `apply_service_errors`, so the user sees every message next to the
field it is about, in one round.
"""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

# --- Utrecht (NL Design System) class names per widget type ---------------------------

_TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
_WIDGET_CLASSES: list[tuple[type[forms.Widget], str]] = [
    # Order matters: subclasses before their bases.
    (
        forms.CheckboxSelectMultiple,
        "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom",
    ),
    (forms.RadioSelect, "utrecht-radio-button utrecht-radio-button--html-input"),
    (forms.Textarea, "utrecht-textarea utrecht-textarea--html-textarea"),
    (forms.Select, "utrecht-select utrecht-select--html-select"),
    (forms.SelectMultiple, "utrecht-select utrecht-select--html-select"),
    (forms.CheckboxInput, "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"),
    (forms.FileInput, "vangnet-file-input"),
    (forms.widgets.Input, _TEXTBOX),
]


def widget_class(widget: forms.Widget) -> str:
    for widget_type, css_class in _WIDGET_CLASSES:
        if isinstance(widget, widget_type):
            return css_class
    return ""


def style_form(form: forms.BaseForm) -> forms.BaseForm:
    """Give every widget of `form` its Utrecht class names (also for forms built
    elsewhere, such as the filter form of django-filter)."""
    for field in form.fields.values():
        css_class = widget_class(field.widget)
        if css_class and css_class not in field.widget.attrs.get("class", ""):
            existing = field.widget.attrs.get("class", "")
            field.widget.attrs["class"] = f"{existing} {css_class}".strip()
    return form


class StyledForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)


def add_missing_service_errors(form: forms.BaseForm, check) -> None:
    """A form with errors: run the service's rules (`check()`, raising its
    ValidationError) on what could be read, so every mistake shows in one round; a
    field that already has a message keeps only that."""
    try:
        check()
    except ValidationError as error:
        for field, messages in getattr(error, "message_dict", {}).items():
            if field in form.fields and field not in form.errors:
                for message in messages:
                    form.add_error(field, message)


def apply_service_errors(form: forms.BaseForm, error: ValidationError, aliases=None) -> None:
    """Put a service's ValidationError on `form`: messages for a field the form has go
    next to that field, anything else (or an error without a field) above the form."""
    aliases = aliases or {}
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            target = aliases.get(field, field)
            if target == NON_FIELD_ERRORS or target not in form.fields:
                target = None
            for message in messages:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


# --- Multiple file upload (Django docs, "Uploading multiple files") -------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that accepts several files; `clean` returns a list. Size, count and
    type are checked by the service (`complaints.attachments`), not here."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single_clean = super().clean
        if isinstance(data, list | tuple):
            return [single_clean(item, initial) for item in data if item]
        if not data:
            return []
        return [single_clean(data, initial)]


# --- Field builders: optional fields (the services say what is required) ------------


def text_field(label, *, help_text="", rows=4, max_length=20_000) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def line_field(label, *, help_text="", max_length=300) -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=max_length, help_text=help_text)


def date_field(label, *, help_text="", initial=None, error_messages=None) -> forms.DateField:
    """A date (`initial` may be a callable, such as today)."""
    return forms.DateField(
        label=label,
        required=False,
        help_text=help_text,
        initial=initial,
        error_messages=error_messages,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def moment_field(label, *, help_text="") -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


def choice_field(label, choices, *, help_text="", widget=forms.RadioSelect) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, required=False, choices=choices, help_text=help_text, widget=widget
    )


def flag_field(label, *, initial=True, help_text="") -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False, initial=initial, help_text=help_text)
