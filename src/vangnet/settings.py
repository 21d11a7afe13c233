"""Django settings for Vangnet.

Every setting that differs between installations is read from the environment, with a
default that makes a fresh checkout work on the embedded SQLite database. The variables
are documented in README.md ("Configuration"); keep that table and this file in step.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from vangnet.core.urls import check_base_url

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("VANGNET_DEBUG", False)
SECRET_KEY = env("VANGNET_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set VANGNET_SECRET_KEY (a long random string) or VANGNET_DEBUG=true for development."
        )
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

# Where residents, partners and staff reach Vangnet: every e-mail's links start with it.
# Development (`make run` sets it from PORT) falls back to the local server; production
# must say it, or e-mail would point at localhost.
BASE_URL = env("VANGNET_BASE_URL").strip().rstrip("/")
if not BASE_URL and DEBUG:
    BASE_URL = f"http://127.0.0.1:{env('PORT', '8000')}"
if (_problem := check_base_url(BASE_URL)) is not None:
    raise ImproperlyConfigured(
        f"{_problem} Set it to the address residents and staff reach Vangnet on, "
        "e.g. https://klachten.example.nl."
    )

ALLOWED_HOSTS = env_list("VANGNET_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("VANGNET_CSRF_TRUSTED_ORIGINS")
DATA_DIR = Path(env("VANGNET_DATA_DIR", str(PROJECT_DIR / "data")))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rules",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "vangnet.core",
    "vangnet.organisations",
    "vangnet.complaints",
    "vangnet.backoffice",
    "vangnet.api",
    "vangnet.accounts",
    "vangnet.letters",
    "vangnet.public",
    "vangnet.partnerportal",
    "vangnet.surveys",
    "vangnet.reports",
    "vangnet.learning",
    "vangnet.handling",
    "vangnet.notifications",
    "vangnet.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A NUL in the address: a 400 before anything queries with it.
    "vangnet.core.middleware.RefuseNulMiddleware",
    # Compress pages (static files are pre-compressed by WhiteNoise). Django's GZip
    # middleware pads responses at random against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "vangnet.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "vangnet.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "vangnet.core.middleware.PermissionsPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "vangnet.urls"
WSGI_APPLICATION = "vangnet.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "vangnet.organisations.context_processors.municipality",
            ],
        },
    },
]

# Database: DATABASE_URL, e.g. postgres://user:pass@host:5432/vangnet. Default: SQLite in DATA_DIR.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{DATA_DIR / 'vangnet.sqlite3'}"),
        conn_max_age=env_int("VANGNET_DB_CONN_MAX_AGE", 60),
        # A kept connection is checked before a request uses it, so after a database
        # restart a worker's first request gets a new connection instead of an error.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A fresh checkout has no data folder yet; SQLite will not create it.
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            # WAL lets the web server and the task worker use the file at the same time.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "backoffice:my_work"
LOGOUT_REDIRECT_URL = "login"

# Lockout after repeated failed logins (django-axes).
AXES_FAILURE_LIMIT = env_int("VANGNET_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("VANGNET_LOGIN_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("VANGNET_LOGIN_LOCKOUT", True)

# Second factor (django-otp, TOTP): see VANGNET["REQUIRE_2FA"] below and vangnet.accounts.
# The admin's TOTP device pages must not show a user's secret key or QR code.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Day-first dates in English too (Django's own "en" formats are American).
FORMAT_MODULE_PATH = ["vangnet.formats"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env("VANGNET_STATIC_ROOT", str(DATA_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("VANGNET_MEDIA_ROOT", str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

SESSION_COOKIE_SECURE = env_bool("VANGNET_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_AGE = env_int("VANGNET_SESSION_SECONDS", 8 * 3600)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Content-Security-Policy (django-csp), the same in development and production so a
# violation shows up as early as possible: no inline script and no inline style at all.
# The one inline <style> (the municipality's colour in base.html) and the <style> of a
# letter shown in the admin's preview carry the response's nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],  # the letters' logo is a data: URL
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}
# Browser features Vangnet never uses (vangnet.core.middleware.PermissionsPolicyMiddleware).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
    if not DEBUG
    else ""
)
# HTTPS only in production (behind the TLS proxy): HSTS for a year, and the proxy's
# X-Forwarded-Proto tells Django the request came in over HTTPS. Not in development,
# where the local server speaks plain http.
if not DEBUG:
    SECURE_HSTS_SECONDS = env_int("VANGNET_HSTS_SECONDS", 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("VANGNET_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("VANGNET_HSTS_PRELOAD", False)
    SECURE_SSL_REDIRECT = env_bool("VANGNET_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    if not SECURE_HSTS_PRELOAD:
        # The browsers' preload list is the domain owner's decision (the municipality's
        # whole domain), not Vangnet's: VANGNET_HSTS_PRELOAD=true opts in.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

EMAIL_BACKEND = env("VANGNET_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("VANGNET_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("VANGNET_EMAIL_PORT", 25)
EMAIL_HOST_USER = env("VANGNET_EMAIL_USER")
EMAIL_HOST_PASSWORD = env("VANGNET_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("VANGNET_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = env("VANGNET_FROM_EMAIL", "klachten@vangnet.invalid")

# Background work: Django's tasks API (django-tasks backport), database backend by default.
TASKS = {
    "default": {
        "BACKEND": env("VANGNET_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # JSON with a nesting limit and no NUL characters (api/common/parsers.py).
    "DEFAULT_PARSER_CLASSES": [
        "vangnet.api.common.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    # The services' errors become API errors in one place (400, 403, 409).
    "EXCEPTION_HANDLER": "vangnet.api.common.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Vangnet API",
    "DESCRIPTION": "Complaint handling for municipalities and their partners (Awb chapter 9).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Named here because two choice sets share a field name ("kind").
    "ENUM_NAME_OVERRIDES": {
        "KindEnum": "vangnet.complaints.models.Kind",
        "NotificationKindEnum": "vangnet.notifications.models.Kind",
        "NotificationDeliveryEnum": "vangnet.notifications.models.Delivery",
    },
}

# Vangnet's own settings.
VANGNET = {
    # Attachments: size per file (MB), number per complaint, allowed types (sniffed from content).
    "ATTACHMENT_MAX_MB": env_int("VANGNET_ATTACHMENT_MAX_MB", 10),
    "ATTACHMENT_MAX_COUNT": env_int("VANGNET_ATTACHMENT_MAX_COUNT", 10),
    # Size of a page in the back-office complaint list.
    "PAGE_SIZE": env_int("VANGNET_PAGE_SIZE", 25),
    # Staff must give a code from an authenticator app (TOTP) after the password. Off by
    # default in development (VANGNET_DEBUG), on otherwise.
    "REQUIRE_2FA": env_bool("VANGNET_REQUIRE_2FA", not DEBUG),
    # How long a resident's status link works (days).
    "STATUS_LINK_DAYS": env_int("VANGNET_STATUS_LINK_DAYS", 180),
    # Complaints one internet address may file through the public form per hour.
    "PUBLIC_RATE_LIMIT_PER_HOUR": env_int("VANGNET_PUBLIC_RATE_LIMIT_PER_HOUR", 5),
    # Where Vangnet is reached from outside: every link in every e-mail starts with it
    # (`vangnet.core.urls`). Required unless debug; no trailing slash.
    "BASE_URL": BASE_URL,
    # Published figures (open data, the council's report): a breakdown cell of fewer
    # complaints than this is shown as "< N" (kpis.md, Privacy).
    "SUPPRESSION_THRESHOLD": env_int("VANGNET_SUPPRESSION_THRESHOLD", 5),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("VANGNET_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint narrates every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
