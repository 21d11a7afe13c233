"""Fixtures for letters and the outbox. The SMTP server lives in tests/smtp.py."""

import pytest

from tests.smtp import SMTPServer, free_port, smtp_server  # noqa: F401  (fixtures)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Letters and attachments are written to a fresh folder per test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
