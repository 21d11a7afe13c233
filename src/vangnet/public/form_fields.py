"""Fields and checks the resident site's forms share: the partner choices, the
attachments field, the contact fields (a name, an e-mail address, a telephone number)
and the cleaners that give plain B1 messages (postcode, telephone number, a text that is
too long)."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import MultipleFileField
from vangnet.organisations.models import Partner

_POSTCODE = re.compile(r"^\s*([1-9][0-9]{3})\s*([a-zA-Z]{2})\s*$")
_PHONE_CHARACTERS = re.compile(r"^[0-9+()\-.\s]+$")


def stripped(value: str) -> str:
    """The text without surrounding white space; None is ''."""
    return (value or "").strip()


# --- Fields -----------------------------------------------------------------------------


class AttachmentsField(MultipleFileField):
    """Several files. Size, count and type are checked by `complaints.attachments` (in
    `ComplaintForm.clean_attachments` and again by the service); an empty file is left
    to it too, so that its message names the file."""

    def clean(self, data, initial=None):
        items = data if isinstance(data, list | tuple) else [data] if data else []
        cleaned = []
        for item in items:
            if not item:
                continue
            if getattr(item, "size", None) == 0 and getattr(item, "name", None):
                cleaned.append(item)
            else:
                cleaned.append(forms.FileField.clean(self, item, initial))
        return cleaned


class PartnerChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            queryset=Partner.objects.filter(is_active=True).order_by("name"),
            to_field_name="slug",
            **kwargs,
        )


class PartnersChoiceField(forms.ModelMultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            queryset=Partner.objects.filter(is_active=True).order_by("name"),
            to_field_name="slug",
            **kwargs,
        )


def name_field(label) -> forms.CharField:
    """A person's name, not required, at most 150 characters."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=150,
        error_messages={"max_length": _("Uw naam is te lang: hoogstens 150 tekens.")},
    )


def email_field(label, *, widget: forms.Widget | None = None) -> forms.EmailField:
    """An e-mail address, not required."""
    return forms.EmailField(
        label=label,
        required=False,
        max_length=254,
        widget=widget,
        error_messages={
            "invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl."),
            "max_length": _("Dit e-mailadres is te lang."),
        },
    )


def phone_field(label, *, help_text="", autocomplete: str = "") -> forms.CharField:
    """A telephone number, not required (its characters: `check_phone`)."""
    attrs = {"type": "tel", "autocomplete": autocomplete} if autocomplete else {"type": "tel"}
    return forms.CharField(
        label=label,
        required=False,
        max_length=30,
        help_text=help_text,
        widget=forms.TextInput(attrs=attrs),
        error_messages={"max_length": _("Dit telefoonnummer is te lang.")},
    )


# --- Checks -----------------------------------------------------------------------------


def tidy_postcode(value: str) -> str:
    """'1234ab', '1234 AB', ' 1234  ab ' -> '1234 AB'; raise for anything else."""
    match = _POSTCODE.match(value or "")
    if not match:
        raise ValidationError(
            _("Vul een postcode in met 4 cijfers en 2 letters, zoals 1234 AB."), code="postcode"
        )
    return f"{match.group(1)} {match.group(2).upper()}"


def check_phone(value: str, message) -> str:
    """The number as typed ('' when empty); `message` when it is no telephone number."""
    value = stripped(value)
    if not value:
        return ""
    digits = sum(char.isdigit() for char in value)
    if not _PHONE_CHARACTERS.match(value) or not 8 <= digits <= 15:
        raise ValidationError(message, code="phone")
    return value


def within(value: str, maximum: int) -> str:
    """The text, or a plain message saying how much too long it is."""
    if len(value) > maximum:
        raise ValidationError(
            _("Uw tekst is %(count)s tekens lang. Maak hem korter: hoogstens %(max)s tekens.")
            % {
                "count": number_format(len(value), force_grouping=True),
                "max": number_format(maximum, force_grouping=True),
            },
            code="max_length",
        )
    return value
