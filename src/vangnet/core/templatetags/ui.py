"""Template helpers shared by every page (`{% load ui %}`): accessible form fields with
Utrecht class names, grouped check boxes, the error summary, a checked colour."""

import re

from django import forms, template
from django.forms.boundfield import BoundWidget

from vangnet.core.forms import widget_class

register = template.Library()

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
DEFAULT_PRIMARY = "#1d4f91"


@register.filter
def css_colour(value) -> str:
    """A #RRGGBB colour, or the default: configuration never reaches the CSS unchecked."""
    value = str(value or "")
    return value if _COLOUR.match(value) else DEFAULT_PRIMARY


def _kind(widget: forms.Widget) -> str:
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    return "input"


_INVALID = {
    "utrecht-textbox": "utrecht-textbox--invalid",
    "utrecht-textarea": "utrecht-textarea--invalid",
    "utrecht-select": "utrecht-select--invalid",
    "utrecht-radio-button": "utrecht-radio-button--invalid",
    "utrecht-checkbox": "utrecht-checkbox--invalid",
}


def _invalid_class(css_class: str) -> str:
    extra = [modifier for base, modifier in _INVALID.items() if base in css_class.split()]
    return " ".join([css_class, *extra]).strip()


@register.inclusion_tag("ui/grouped_checkboxes.html")
def grouped_checkboxes(bound_field):
    """A multiple choice with grouped choices (the Behoorlijkheidswijzer's families) as
    check boxes: a fieldset with the field's label, and one per group with its name."""
    widget = bound_field.field.widget
    css_class = widget.attrs.get("class") or widget_class(widget)
    widget.attrs["class"] = _invalid_class(css_class) if bound_field.errors else css_class
    auto_id = bound_field.auto_id or f"id_{bound_field.html_name}"
    attrs = widget.build_attrs(widget.attrs, {"id": auto_id})
    value = widget.format_value(bound_field.value())
    groups = []
    for number, (name, options, _index) in enumerate(
        widget.optgroups(bound_field.html_name, value, attrs)
    ):
        groups.append(
            {
                "label": name,
                "id": f"{auto_id}_group{number}",
                "options": [
                    {
                        "tag": BoundWidget(widget, option, bound_field.form.renderer).tag(),
                        "id": option["attrs"].get("id", ""),
                        "label": option["label"],
                    }
                    for option in options
                ],
            }
        )
    error_id = f"{auto_id}_error" if bound_field.errors else ""
    help_id = f"{auto_id}_help" if bound_field.help_text else ""
    return {
        "field": bound_field,
        "auto_id": auto_id,
        "groups": groups,
        "error_id": error_id,
        "help_id": help_id,
        "describedby": " ".join(part for part in (help_id, error_id) if part),
        "invalid": bool(bound_field.errors),
    }


@register.inclusion_tag("ui/field.html")
def field(bound_field, hide_label=False):
    """One form field as an Utrecht form field: label, description, the error message
    next to the field (linked with aria-describedby) and the input. Radio buttons and
    check-box lists are a fieldset with a legend."""
    widget = bound_field.field.widget
    kind = _kind(widget)
    auto_id = bound_field.auto_id or f"id_{bound_field.html_name}"
    help_id = f"{auto_id}_help" if bound_field.help_text else ""
    error_id = f"{auto_id}_error" if bound_field.errors else ""
    describedby = " ".join(part for part in (help_id, error_id) if part)
    context = {
        "field": bound_field,
        "kind": kind,
        "auto_id": auto_id,
        "help_id": help_id,
        "error_id": error_id,
        "describedby": describedby,
        "hide_label": hide_label,
        "invalid": bool(bound_field.errors),
    }
    css_class = widget.attrs.get("class") or widget_class(widget)
    if kind in {"input", "checkbox"}:
        attrs = {"class": css_class}
        if describedby:
            attrs["aria-describedby"] = describedby
        if bound_field.errors:
            attrs["aria-invalid"] = "true"
            attrs["class"] = _invalid_class(css_class)
        context["widget"] = bound_field.as_widget(attrs=attrs)
    elif kind in {"radios", "checkboxes"}:
        # The options take their attributes from the widget (this form's own copy).
        widget.attrs["class"] = _invalid_class(css_class) if bound_field.errors else css_class
        context["options"] = [
            {"tag": sub.tag(), "id": sub.id_for_label, "label": sub.choice_label}
            for sub in bound_field.subwidgets
        ]
    else:
        context["widget"] = bound_field.as_widget()
    return context


def _error_anchor(bound_field) -> str:
    """Where a link in the error summary points: the input, or for a group of radio
    buttons / check boxes the first one."""
    kind = _kind(bound_field.field.widget)
    auto_id = bound_field.auto_id
    if kind in {"radios", "checkboxes"}:
        first = next(iter(bound_field.subwidgets), None)
        return first.id_for_label if first is not None else auto_id
    return auto_id


def _each_form(items):
    """Forms, and the forms of formsets (their own errors first, as a form None)."""
    for item in items:
        if item is None:
            continue
        if hasattr(item, "forms") and hasattr(item, "non_form_errors"):
            yield item
            yield from _each_form(item.forms)
        else:
            yield item


@register.inclusion_tag("ui/error_summary.html")
def error_summary(*forms_):
    """The list of all errors of the given forms (or formsets), above them, each linking
    to its field."""
    items = []
    for form in _each_form(forms_):
        if not form.is_bound:
            continue
        if hasattr(form, "non_form_errors"):
            items.extend({"message": m, "anchor": ""} for m in form.non_form_errors())
            continue
        if not form.errors:
            continue
        for message in form.non_field_errors():
            items.append({"message": message, "anchor": ""})
        for name in form.fields:
            bound = form[name]
            for message in bound.errors:
                anchor = "" if bound.is_hidden else _error_anchor(bound)
                items.append({"message": message, "anchor": anchor, "label": bound.label})
    return {"items": items}
