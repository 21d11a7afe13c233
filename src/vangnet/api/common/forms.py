"""API serializers derived from the Django forms of the actions (`vangnet.handling`), so
each action's input is declared once and the pages and the API parse it alike.

- `enum_field(name, choices)`: a `ChoiceField` class documented as one named schema
  component (so `channel` of a contact and `channel` of a complaint, or the judgment of
  a part and of an advice, each keep one clear enum in the OpenAPI file).
- `serializer_from_form(form_class, name=...)`: a `Serializer` class with one field per
  form field. Like the forms, the fields only parse and type-check; what is required and
  which values are allowed beyond the type is the procedure's to say, so the API and the
  pages give the same messages.

Mapping (exact form field types; anything else is a `TypeError`, so a new kind of form
field gets a deliberate mapping instead of a silent guess):

| form field            | serializer field                                              |
|-----------------------|---------------------------------------------------------------|
| CharField             | CharField(allow_blank=True, max_length=...)                   |
| IntegerField          | IntegerField(allow_null=True, min/max_value as the form), its |
|                       | "invalid" message                                             |
| DateField             | DateField(allow_null=True)                                    |
| DateTimeField         | DateTimeField(allow_null=True)                                |
| ChoiceField           | the registered `enum_field` for its values (allow_blank=True) |
| MultipleChoiceField   | ListField(child=<enum field>)                                 |
| BooleanField          | BooleanField(default=<the form's initial>)                    |
| FileField             | FileField(allow_null=True)                                    |
| MultipleFileField     | ListField(child=FileField()), named `files` in the API        |
| a choice of a model   | the API's look-up: a theme by slug or id, a partner by slug,  |
|                       | a user by username, a department by id (`LOOKUPS`)            |
| PartyField            | `{"partner": "<slug>"}` or `{"department": <id>}`             |
| `nested` of the form  | a list of objects, one per row of the formset                 |

A form field that is not required is `required=False` in the API; the label and help
text are carried over. A look-up names an unknown value in its message ("Onbekende
samenwerkingspartner: x."), where the page, which offers a list, says "choose from the
list"; whether a found value may be used (an inactive partner ...) is the action's to say.
"""

from collections.abc import Iterable, Mapping

from django import forms
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import empty

#: frozenset of choice values -> the enum field class documenting them.
_ENUMS: dict[frozenset, type[serializers.ChoiceField]] = {}


def flat_choices(choices: Iterable) -> list[tuple[str, object]]:
    """(value, label) pairs of `choices`, with groups (`[(group, [(value, label)])]`)
    flattened and the empty value left out."""
    pairs: list[tuple[str, object]] = []
    for value, label in choices:
        if isinstance(label, list | tuple):
            pairs.extend((str(v), lab) for v, lab in label if v != "")
        elif value != "":
            pairs.append((str(value), label))
    return pairs


def enum_field(name: str, choices: Iterable, *, describe=None) -> type[serializers.ChoiceField]:
    """A `ChoiceField` class for `choices` documented as the schema component `name`.
    `describe(value, label)` writes a value's line in the description (default:
    "* `value` - label"). Registered, so `serializer_from_form` finds it by its values.
    The empty value is never part of the enum; fields that allow it say
    `allow_blank=True` (and output fields show it as null)."""
    pairs = flat_choices(choices)
    values = [value for value, _label in pairs]
    key = frozenset(values)
    if key in _ENUMS:
        raise ValueError(f"The choices of {name} are already registered as {_ENUMS[key].__name__}")
    describe = describe or (lambda value, label: f"* `{value}` - {label}")
    schema = {
        "type": "string",
        "enum": values,
        "description": "\n".join(describe(value, label) for value, label in pairs),
    }

    class EnumField(serializers.ChoiceField):
        component = name

        def __init__(self, **kwargs):
            kwargs.setdefault("choices", pairs)
            super().__init__(**kwargs)

        def to_representation(self, value):
            # An output field that allows null shows the model's blank as null.
            if value in ("", None) and self.allow_null:
                return None
            return super().to_representation(value)

    EnumField.__name__ = EnumField.__qualname__ = f"{name}Field"
    extend_schema_field(schema, component_name=name)(EnumField)
    _ENUMS[key] = EnumField
    return EnumField


def registered_enum(choices: Iterable) -> type[serializers.ChoiceField]:
    """The `enum_field` class registered for exactly the values of `choices`."""
    key = frozenset(value for value, _label in flat_choices(choices))
    try:
        return _ENUMS[key]
    except KeyError:
        raise TypeError(
            f"No enum_field is registered for the choices {sorted(key)}; add one."
        ) from None


class OptionalBooleanField(serializers.BooleanField):
    """A boolean whose default also applies to multipart input (DRF otherwise reads a
    missing checkbox in form data as false)."""

    default_empty_html = empty


def _common(field: forms.Field) -> dict:
    kwargs = {"required": field.required}
    if field.label:
        kwargs["label"] = field.label
    if field.help_text:
        kwargs["help_text"] = field.help_text
    return kwargs


#: Form field class -> a function making its API field (`register_field`).
_SPECIAL: dict[type, object] = {}
#: Model -> a function making the API's look-up field for a choice of that model.
LOOKUPS: dict[type, object] = {}
#: A form field's name in the API, where the API says it otherwise.
API_NAMES = {"attachments": "files"}


def register_field(form_field_class: type, make) -> None:
    """`make(form_field, **kwargs)` builds the API field for `form_field_class`."""
    _SPECIAL[form_field_class] = make


def register_lookup(model: type, make) -> None:
    """`make(**kwargs)` builds the API field for a choice of a `model` row."""
    LOOKUPS[model] = make


def convert_field(field: forms.Field, **extra) -> serializers.Field:
    """The serializer field for one form field (see the module's table); `extra` are
    more arguments of the serializer field (its `source`)."""
    kind = type(field)
    kwargs = {**_common(field), **extra}
    optional = not field.required
    for special, make in _SPECIAL.items():
        if isinstance(field, special):
            return make(field, **kwargs)
    if isinstance(field, forms.ModelChoiceField):
        model = field.queryset.model
        for base, make in LOOKUPS.items():
            if issubclass(model, base):
                return make(allow_null=optional, **kwargs)
        raise TypeError(f"No API look-up is registered for {model.__name__}")
    if kind is forms.CharField:
        if field.max_length is not None:
            kwargs["max_length"] = field.max_length
        return serializers.CharField(allow_blank=optional, trim_whitespace=field.strip, **kwargs)
    if kind is forms.IntegerField:
        messages = {"invalid": field.error_messages["invalid"]}
        return serializers.IntegerField(
            allow_null=optional,
            min_value=field.min_value,
            max_value=field.max_value,
            error_messages=messages,
            **kwargs,
        )
    if kind is forms.DateField:
        return serializers.DateField(allow_null=optional, **kwargs)
    if kind is forms.DateTimeField:
        return serializers.DateTimeField(allow_null=optional, **kwargs)
    if kind is forms.ChoiceField:
        blank = optional or any(value == "" for value, _label in field.choices)
        return registered_enum(field.choices)(allow_blank=blank, **kwargs)
    if kind is forms.MultipleChoiceField:
        child = registered_enum(field.choices)()
        return serializers.ListField(child=child, allow_empty=True, **kwargs)
    if kind is forms.BooleanField:
        kwargs.pop("required")
        default = bool(field.initial) if field.initial is not None else False
        return OptionalBooleanField(required=False, default=default, **kwargs)
    if kind is forms.FileField:
        return serializers.FileField(allow_null=optional, **kwargs)
    raise TypeError(f"No API mapping for the form field type {kind.__name__}")


def serializer_from_form(
    form_class: type[forms.BaseForm],
    *,
    name: str,
    doc: str = "",
    exclude: Iterable[str] = (),
    extra: Mapping[str, serializers.Field] | None = None,
) -> type[serializers.Serializer]:
    """A `Serializer` class named `name` with the fields of `form_class` (in the form's
    order, without `exclude`), then `extra` fields. `doc` documents it in the schema."""
    skip = set(exclude)
    attrs: dict = {}
    for field_name, field in form_class.base_fields.items():
        if field_name in skip:
            continue
        api_name = API_NAMES.get(field_name, field_name)
        extra_kwargs = {"source": field_name} if api_name != field_name else {}
        attrs[api_name] = convert_field(field, **extra_kwargs)
    for field_name, (row_form, help_text) in getattr(form_class, "nested", {}).items():
        row = serializer_from_form(row_form, name=f"{row_form.__name__}Serializer")
        attrs[field_name] = row(many=True, required=False, help_text=help_text)
    attrs.update(extra or {})
    # DRF orders declared fields by creation; keep the form's order, then `extra`.
    for field in attrs.values():
        field._creation_counter = serializers.Field._creation_counter
        serializers.Field._creation_counter += 1
    attrs["__doc__"] = doc or None
    attrs["__module__"] = __name__
    attrs["form_class"] = form_class
    return type(name, (serializers.Serializer,), attrs)
