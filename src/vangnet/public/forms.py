"""The search box of the resident site (the Klachtenwijzer). The complaint form is
`complaint_form.py`, with its shared fields in `form_fields.py`; the route's questions
are in `route.py`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .search import MAX_QUERY_LENGTH


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Waar gaat uw klacht over?"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        help_text=_("Typ een woord, bijvoorbeeld: afval, schulden, jeugdzorg of parkeren."),
        widget=forms.TextInput(
            attrs={"class": "utrecht-textbox utrecht-textbox--html-input", "type": "search"}
        ),
    )
