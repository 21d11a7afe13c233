"""The register's language: what Vangnet writes down for the record (the timeline,
letters, e-mail to residents and partners) is in the installation's language
(`LANGUAGE_CODE`), whatever language the acting user chose for the screens."""

from django.conf import settings
from django.utils import translation


def register_language():
    """A context manager: render and translate in the register's language."""
    return translation.override(settings.LANGUAGE_CODE)
