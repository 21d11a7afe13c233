"""Checks on uploaded attachments: size, count and type, the type read from the file's
first bytes (never from its name or the browser's word for it)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from .models import Attachment

# Magic numbers of the allowed types.
SIGNATURES: list[tuple[bytes, str]] = [
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
]
ALLOWED_LABEL = "PDF, JPG of PNG"


def max_bytes() -> int:
    return settings.VANGNET["ATTACHMENT_MAX_MB"] * 1024 * 1024


def max_count() -> int:
    return settings.VANGNET["ATTACHMENT_MAX_COUNT"]


def sniff_content_type(upload: UploadedFile) -> str | None:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type
    return None


def validate_upload(upload: UploadedFile) -> str:
    """Return the sniffed content type, or raise ValidationError with a plain message."""
    name = upload.name or _("bestand")
    if upload.size is not None and upload.size > max_bytes():
        raise ValidationError(
            _("%(name)s is te groot (%(size)s MB). Een bestand mag hoogstens %(max)s MB zijn.")
            % {
                "name": name,
                "size": f"{upload.size / 1024 / 1024:.1f}".replace(".", ","),
                "max": settings.VANGNET["ATTACHMENT_MAX_MB"],
            },
            code="too_large",
        )
    if not upload.size:
        raise ValidationError(_("%(name)s is leeg.") % {"name": name}, code="empty")
    content_type = sniff_content_type(upload)
    if content_type is None:
        raise ValidationError(
            _("%(name)s kunnen we niet gebruiken. Stuur een %(allowed)s-bestand.")
            % {"name": name, "allowed": ALLOWED_LABEL},
            code="forbidden_type",
        )
    return content_type


def validate_uploads(uploads: list[UploadedFile], *, already: int = 0) -> list[str]:
    """Validate a set of uploads; all errors together, so the user fixes them at once."""
    errors: list[ValidationError] = []
    types: list[str] = []
    if already + len(uploads) > max_count():
        errors.append(
            ValidationError(
                _("U kunt hoogstens %(max)s bestanden toevoegen.") % {"max": max_count()},
                code="too_many",
            )
        )
    for upload in uploads:
        try:
            types.append(validate_upload(upload))
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)
    return types


def store(*, complaint, upload: UploadedFile, content_type: str, actor):
    """Store a checked upload (`validate_uploads` gave its `content_type`) on the
    complaint's file. Call inside the caller's transaction."""
    attachment = Attachment(
        complaint=complaint,
        original_name=(upload.name or "bestand")[-255:],
        content_type=content_type,
        size=upload.size,
        uploaded_by=actor,
    )
    attachment.file.save(upload.name or "bestand", upload, save=False)
    attachment.save()
    return attachment
