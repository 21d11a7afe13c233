"""Secret tokens in links sent to people without an account: the resident's status
link, the partner's reply link, the survey link, the public form's one-time token.

A token is `secrets.token_urlsafe(32)` (43 characters, 256 random bits); the database
keeps only its SHA-256 hash, so a copy of the database opens no link. A token is looked
up by its hash and the stored hash compared in constant time, so how long a lookup takes
says nothing about how much of a guess was right. Anything that does not look like a
token is refused before the database is asked.

Values that come from a small space (an IP address, a reference) are hashed with a key
(`keyed_hash`): without the secret key they cannot be found back by hashing them all.
"""

import hashlib
import hmac
import re
import secrets

from django.db.models import Model, QuerySet
from django.utils.crypto import salted_hmac

#: Random bytes in a token; `token_urlsafe(32)` gives 43 characters.
TOKEN_BYTES = 32
#: What a token may look like: URL-safe base64 without padding.
TOKEN_FORMAT = re.compile(r"^[A-Za-z0-9_-]{32,128}$")


def new_token() -> str:
    """A fresh random token: give it out once, store only `hash_token(token)`."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    """What is stored of a token: its SHA-256 hash, hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def is_well_formed(token) -> bool:
    return isinstance(token, str) and bool(TOKEN_FORMAT.match(token))


def find_by_token(queryset: QuerySet, token, *, field: str = "token_hash") -> Model | None:
    """The row of `queryset` whose `field` holds the hash of `token`, or None when the
    token is malformed or unknown (callers answer every None alike)."""
    if not is_well_formed(token):
        return None
    digest = hash_token(token)
    row = queryset.filter(**{field: digest}).first()
    if row is None or not hmac.compare_digest(getattr(row, field), digest):
        return None
    return row


def keyed_hash(purpose: str, value: str) -> str:
    """A hash of `value` keyed with the secret key and `purpose` (HMAC-SHA256)."""
    return salted_hmac(f"vangnet.{purpose}", value, algorithm="sha256").hexdigest()
