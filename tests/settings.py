"""Settings for the test suite: the project's settings with test defaults. Tests run on
PostgreSQL (DATABASE_URL; default the local server as in `.ci/run`).

The suite passes whatever `VANGNET_*` variables the caller's shell holds (a developer's
`VANGNET_DEMO_PASSWORD`, a production-like `VANGNET_BASE_URL`...): they are removed
before the settings are read, and the tests set what they need themselves."""

import os
import tempfile

for _name in [name for name in os.environ if name.startswith("VANGNET_")]:
    del os.environ[_name]
os.environ["VANGNET_SECRET_KEY"] = "test-secret-key-not-for-production"
os.environ["VANGNET_DATA_DIR"] = tempfile.mkdtemp(prefix="vangnet-test-")
# Django's test client talks to "testserver": links in e-mail point there too.
os.environ["VANGNET_BASE_URL"] = "http://testserver"
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/vangnet")

from vangnet.settings import *  # noqa: E402, F403

STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
AXES_ENABLED = False
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# Two-step verification off by default; tests/accounts switch it on where they test it.
VANGNET["REQUIRE_2FA"] = False  # noqa: F405
# The test client speaks plain http to "testserver": no redirect to https.
SECURE_SSL_REDIRECT = False
