"""Background work on the register, run by the task worker (django-tasks)."""

from django_tasks import task

from . import services


@task()
def recompute_open_deadlines() -> int:
    """After a decree day or the policy terms changed: recompute open complaints' deadlines."""
    return services.recompute_open_deadlines()
