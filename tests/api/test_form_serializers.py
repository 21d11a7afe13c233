"""The converter that derives the API's action serializers from the actions' forms."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from rest_framework import serializers

from vangnet.api.common import enums
from vangnet.api.common import forms as form_serializers
from vangnet.api.common.forms import (
    convert_field,
    enum_field,
    flat_choices,
    registered_enum,
    serializer_from_form,
)
from vangnet.api.complaints.inputs import SERIALIZERS
from vangnet.handling.actions.decide import JudgmentPartInput
from vangnet.handling.base import ACTIONS

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


class Sample(forms.Form):
    text = forms.CharField(required=False, max_length=10, help_text="Uitleg")
    line = forms.CharField(label="Regel")
    day = forms.DateField(required=False)
    moment = forms.DateTimeField(required=False)
    channel = forms.ChoiceField(
        required=False, choices=[("", "Kies"), ("phone", "Telefoon"), ("email", "E-mail")]
    )
    grouped = forms.MultipleChoiceField(
        required=False,
        choices=[("Open", [("transparent", "Transparant")]), ("Eerlijk", [("integrity", "I")])],
    )
    on = forms.BooleanField(required=False, initial=True)
    off = forms.BooleanField(required=False)
    upload = forms.FileField(required=False)


def test_flat_choices_drops_groups_and_the_blank():
    assert flat_choices([("", "-"), ("a", "A"), ("G", [("b", "B"), ("", "-")])]) == [
        ("a", "A"),
        ("b", "B"),
    ]


def test_each_form_field_type_maps_to_its_serializer_field(sample_enums):
    SampleSerializer = serializer_from_form(Sample, name="SampleSerializer", doc="Doc.")
    fields = SampleSerializer().fields

    assert list(fields) == list(Sample.base_fields)
    assert SampleSerializer.__doc__ == "Doc."
    text = fields["text"]
    assert type(text) is serializers.CharField
    assert (text.required, text.allow_blank, text.max_length) == (False, True, 10)
    assert text.help_text == "Uitleg" and text.trim_whitespace
    line = fields["line"]
    assert (line.required, line.allow_blank, line.label) == (True, False, "Regel")
    assert type(fields["day"]) is serializers.DateField and fields["day"].allow_null
    assert type(fields["moment"]) is serializers.DateTimeField
    assert isinstance(fields["channel"], serializers.ChoiceField)
    assert set(fields["channel"].choices) == {"phone", "email"}
    assert fields["channel"].allow_blank
    assert isinstance(fields["grouped"], serializers.ListField)
    assert set(fields["grouped"].child.choices) == {"transparent", "integrity"}
    assert fields["on"].default is True and fields["off"].default is False
    assert not fields["on"].required
    assert type(fields["upload"]) is serializers.FileField and not fields["upload"].required


@pytest.fixture
def sample_enums():
    enum_field("SampleChannel", [("phone", "Telefoon"), ("email", "E-mail")])
    enum_field("SampleNorm", [("transparent", "T"), ("integrity", "I")])


@pytest.fixture
def sample_serializer(sample_enums):
    return serializer_from_form(Sample, name="SampleSerializer")


@pytest.fixture(autouse=True)
def _forget_sample_enums():
    before = dict(form_serializers._ENUMS)
    yield
    form_serializers._ENUMS.clear()
    form_serializers._ENUMS.update(before)


def test_the_serializer_parses_like_the_form(sample_serializer, settings):
    settings.TIME_ZONE = "Europe/Amsterdam"
    body = {
        "text": "  hallo ",
        "line": "x",
        "day": "2026-03-02",
        "moment": "2026-03-02T10:30",
        "channel": "phone",
        "grouped": ["integrity", "transparent"],
    }
    serializer = sample_serializer(data=body)
    assert serializer.is_valid(), serializer.errors
    data = serializer.validated_data

    assert data["text"] == "hallo"
    assert data["day"] == date(2026, 3, 2)
    assert data["moment"] == datetime(2026, 3, 2, 10, 30, tzinfo=AMSTERDAM)
    assert data["grouped"] == ["integrity", "transparent"]  # order kept
    assert data["on"] is True and data["off"] is False  # the form's initial as default
    assert "upload" not in data
    form = Sample(data={**body, "on": "on"})
    assert form.is_valid(), form.errors
    for key in ("text", "line", "day", "channel"):
        assert form.cleaned_data[key] == data[key], key


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"line": ""}, {"line"}),
        ({"line": "x", "text": "x" * 11}, {"text"}),
        ({"line": "x", "day": "2 maart"}, {"day"}),
        ({"line": "x", "channel": "pigeon"}, {"channel"}),
        ({"line": "x", "grouped": ["nope"]}, {"grouped"}),
        ({"line": "x", "on": "misschien"}, {"on"}),
    ],
)
def test_type_errors_are_per_field(sample_serializer, body, fields):
    serializer = sample_serializer(data=body)
    assert not serializer.is_valid()
    assert set(serializer.errors) == fields


def test_boolean_defaults_hold_for_multipart_input_too(sample_serializer):
    """DRF reads a missing checkbox in form data as false; the form's initial wins."""
    data = QueryDict(mutable=True)
    data.update({"line": "x"})
    upload = SimpleUploadedFile("a.pdf", b"%PDF-1.4")
    data.update({"upload": upload})

    serializer = sample_serializer(data=data)

    assert serializer.is_valid(), serializer.errors
    assert serializer.validated_data["on"] is True
    assert serializer.validated_data["upload"] is upload


def test_extra_fields_come_after_the_forms_and_exclude_drops():
    extra = serializers.IntegerField()
    made = serializer_from_form(
        Sample, name="X", exclude=["upload", "grouped", "channel"], extra={"count": extra}
    )
    assert list(made().fields) == ["text", "line", "day", "moment", "on", "off", "count"]


@pytest.mark.parametrize(
    "field",
    [
        forms.EmailField(),
        forms.DecimalField(),
        forms.TypedChoiceField(choices=[("a", "A")]),
    ],
)
def test_an_unmapped_form_field_is_a_type_error(field):
    with pytest.raises(TypeError, match="No API mapping"):
        convert_field(field)


def test_an_integer_field_keeps_its_bounds():
    field = convert_field(forms.IntegerField(required=False, min_value=1, max_value=9))
    assert isinstance(field, serializers.IntegerField)
    assert (field.min_value, field.max_value, field.allow_null) == (1, 9, True)


def test_choices_without_a_registered_enum_are_a_type_error():
    with pytest.raises(TypeError, match="No enum_field is registered"):
        convert_field(forms.ChoiceField(choices=[("x", "X"), ("y", "Y")]))


def test_an_enum_is_registered_once():
    enum_field("Once", [("q", "Q")])
    with pytest.raises(ValueError, match="already registered"):
        enum_field("Twice", [("q", "Q")])
    assert registered_enum([("", "-"), ("q", "Q")]).component == "Once"


def test_an_output_enum_shows_blank_as_null():
    assert enums.JudgmentField(read_only=True, allow_null=True).to_representation("") is None
    assert enums.JudgmentField(read_only=True).to_representation("unfounded") == "unfounded"


@pytest.mark.parametrize("name", [name for name, action in ACTIONS.items() if action.input])
def test_every_action_input_has_its_serializer_with_the_forms_fields(name):
    body, json_body = SERIALIZERS[name]
    form_fields = set(ACTIONS[name].input.base_fields)
    fields = set(body().fields)
    if name == "decide":
        assert fields == form_fields | {"parts"}
        part = body().fields["parts"].child
        assert set(part.fields) == set(JudgmentPartInput.base_fields)
    elif name == "parts":
        assert fields == form_fields | {"parts"}
        part = body().fields["parts"].child
        assert set(part.fields) == {"id", "description", "department", "partner"}
    elif name == "attachments":
        assert fields == {"files"} and form_fields == {"attachments"}  # the API's word
    else:
        assert fields == form_fields
    if json_body is not None:
        assert set(json_body().fields) == form_fields - {"file"}


def test_the_parts_of_a_decision_reach_the_action_as_plain_dicts():
    body, _json = SERIALIZERS["decide"]
    serializer = body(
        data={"parts": [{"part": 7, "judgment": "unfounded", "norms": ["listening"]}]}
    )
    assert serializer.is_valid(), serializer.errors
    data = ACTIONS["decide"].arguments(serializer.validated_data)
    assert data["parts"] == [{"part": 7, "judgment": "unfounded", "norms": ["listening"]}]
    assert type(data["parts"][0]) is dict
    body, _json = SERIALIZERS["record_advice"]
    upload = SimpleUploadedFile("a.pdf", b"%PDF-1.4")
    serializer = body(data={"text": "Advies", "file": upload})
    assert serializer.is_valid(), serializer.errors
    assert serializer.validated_data["file"] is upload
