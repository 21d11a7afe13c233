"""The error accumulator every service uses: messages per field, collected so every
mistake in one submission is reported at once, then raised as one `ValidationError`
(plain Dutch, keyed by the field it is about; nothing is stored then)."""

from django.core.exceptions import ValidationError


class Errors(dict):
    """{field: [message, ...]}. `add` a message, `extend` with another ValidationError,
    `raise_if_any` at the end of the checks."""

    def add(self, field_name: str, message) -> None:
        self.setdefault(field_name, []).append(message)

    def extend(self, error: ValidationError, *, field_name: str | None = None) -> None:
        """Take over the messages of `error`: under `field_name` when given, else under
        the fields `error` names (its messages without a field under `field_name`)."""
        if field_name is None and hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                for message in messages:
                    self.add(name, message)
            return
        for message in error.messages:
            self.add(field_name or "__all__", message)

    def raise_if_any(self) -> None:
        if self:
            raise ValidationError(dict(self))
