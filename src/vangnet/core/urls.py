"""Links to Vangnet as people outside reach it: every link in every e-mail (the
acknowledgement's status link, the partner's reply link, the survey link, reminders,
digests) is built here, from the one configured base address
(`VANGNET_BASE_URL`, `settings.VANGNET["BASE_URL"]`), never from a request: the worker
and the scheduler have no request, and a request's host can be spoofed or be an
internal address behind a proxy.

`make run` sets the base address from `PORT`; in production an unset or malformed one
stops Vangnet at start-up (`settings.py`), so no e-mail ever points at localhost.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse


def base_url() -> str:
    """The configured base address, without a trailing slash."""
    return settings.VANGNET["BASE_URL"].rstrip("/")


def absolute_url(path: str) -> str:
    """`path` (starting with "/", as `reverse` gives it) as a full link."""
    if not path.startswith("/"):
        raise ValueError(f"Expected a path starting with '/', not {path!r}")
    return base_url() + path


def site_url(viewname: str, *args, query: str = "") -> str:
    """The full link to a named page: `site_url("public:status", token)`."""
    url = absolute_url(reverse(viewname, args=args))
    return f"{url}?{query}" if query else url


def check_base_url(value: str) -> str | None:
    """Why `value` cannot be the base address, or None when it can: an absolute http(s)
    address without a query or fragment."""
    if not value:
        return "VANGNET_BASE_URL is not set."
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"VANGNET_BASE_URL must start with https:// or http://, not {value!r}."
    if parts.query or parts.fragment:
        return f"VANGNET_BASE_URL must not have a query or fragment: {value!r}."
    return None
