"""The API's JSON parser (settings `REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"]`, and every
view that names its parsers): REST framework's, with three limits, each a 400 instead of
a server error (as are an unknown character set and broken JSON).

- Nesting: at most `MAX_DEPTH` levels of arrays and objects. Python's decoder gives up
  with a `RecursionError` near a thousand levels; below that a deep body is walked in
  full by every serializer, so the limit is far lower than either.
- NUL: PostgreSQL cannot store the character U+0000 in text, and a string with it used
  in a query fails there; it is refused here on the field (`lines.0.theme`), before any
  serializer or service sees it.
- Size: at most Django's `DATA_UPLOAD_MAX_MEMORY_SIZE` (REST framework reads the body
  from the request's stream, where Django does not check it)."""

import codecs
import json

from django.conf import settings
from rest_framework import parsers
from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.settings import api_settings

MAX_DEPTH = 32
TOO_DEEP = f"De JSON is te diep genest: hoogstens {MAX_DEPTH} niveaus van lijsten en objecten."
TOO_BIG = "De JSON is te groot: hoogstens %(mb)s MB."
NUL = "Dit veld bevat een NUL-teken (\\u0000). Dat kan niet; haal het weg."


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read() if limit is None else stream.read(limit + 1)
        if limit is not None and len(raw) > limit:
            raise ParseError(TOO_BIG % {"mb": round(limit / 1024 / 1024, 1)})
        try:
            data = json.loads(codecs.decode(raw, encoding), parse_constant=json_constant)
        except RecursionError:
            raise ParseError(TOO_DEEP) from None
        except LookupError:
            raise ParseError(
                f"De tekenset ‘{encoding[:40]}’ kennen we niet; gebruik UTF-8."
            ) from None
        except ValueError as exc:
            raise ParseError(f"Dit is geen geldige JSON: {exc}") from None
        check(data)
        return data


def json_constant(name: str):
    raise ValueError(f"{name} is geen getal in JSON")


def check(data) -> None:
    """Raise a 400 for a body nested deeper than MAX_DEPTH or with a NUL in a string
    (a key or a value); the first one found."""
    stack = [(data, (), 0)]
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth >= MAX_DEPTH:
                raise ParseError(TOO_DEEP)
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                if isinstance(key, str) and "\x00" in key:
                    _nul(path)
                stack.append((item, (*path, str(key)), depth + 1))
        elif isinstance(value, str) and "\x00" in value:
            _nul(path)


def _nul(path: tuple[str, ...]):
    """A 400 with the message nested like the body (`{"lines": {"0": {"theme": [...]}}}`,
    the shape of `errors.api_error_detail`, which imports REST framework's views and so
    cannot be imported by a parser they load)."""
    detail: dict | list = [NUL]
    for key in reversed(path or (api_settings.NON_FIELD_ERRORS_KEY,)):
        detail = {key: detail}
    raise ValidationError(detail)
