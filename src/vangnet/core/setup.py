"""The role groups and the model permissions that go with them, kept up to date after
every migrate (post_migrate)."""

from django.contrib.auth.models import Group, Permission

from .roles import Role

CONFIGURATION_MODELS = {
    "organisations": [
        "municipality",
        "inhabitantcount",
        "body",
        "department",
        "theme",
        "partner",
        "ombudsman",
        "secondlinearrangement",
        "signatory",
    ],
    "core": ["decreeday"],
}
#: The outbox: who sees failing e-mail and can send it again (the admin's action).
OUTBOX_MODELS = {"letters": ["outboxmessage"]}
#: Satisfaction answers (read-only in the admin).
SURVEY_MODELS = {"surveys": ["surveyresponse"]}
#: Letter texts, edited by the administrator (letters.LetterTemplate).
LETTER_TEXT_MODELS = {"letters": ["lettertemplate"]}
USER_MODELS = {"core": ["user"], "auth": ["group"], "authtoken": ["token", "tokenproxy"]}


def _model_permissions(models_by_app: dict[str, list[str]]) -> list[Permission]:
    perms = []
    for app_label, models in models_by_app.items():
        perms.extend(
            Permission.objects.filter(
                content_type__app_label=app_label, content_type__model__in=models
            )
        )
    return perms


def ensure_roles(**kwargs) -> None:
    groups = {role: Group.objects.get_or_create(name=role.value)[0] for role in Role}
    configuration = _model_permissions(CONFIGURATION_MODELS)
    outbox = [
        p for p in _model_permissions(OUTBOX_MODELS) if p.codename.startswith(("view_", "change_"))
    ]
    surveys = [p for p in _model_permissions(SURVEY_MODELS) if p.codename.startswith("view_")]
    groups[Role.COORDINATOR].permissions.set(configuration + outbox + surveys)
    letter_texts = [
        p
        for p in _model_permissions(LETTER_TEXT_MODELS)
        if p.codename.startswith(("view_", "change_"))
    ]
    groups[Role.ADMINISTRATOR].permissions.set(
        configuration + outbox + surveys + letter_texts + _model_permissions(USER_MODELS)
    )
