from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "vangnet.core"
    label = "core"
    verbose_name = "Basis"

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (registers the rules)
        from .setup import ensure_roles

        post_migrate.connect(ensure_roles, dispatch_uid="vangnet_ensure_roles")
