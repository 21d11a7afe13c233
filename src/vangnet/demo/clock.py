"""The demo's plan time put on the rows the services write. The services stamp rows
with the current moment; `Clock` remembers, for every step carried out, the stretch of
real time it took and the moment of the plan it stands for, and `move_timestamps`
afterwards moves every timestamp written during a step (events, letters, e-mail,
contacts, decisions, replies, surveys, status links) to that moment in bulk."""

from __future__ import annotations

import bisect
from contextlib import contextmanager
from datetime import datetime

from django.apps import apps
from django.db import connection, models
from django.utils import timezone


class Clock:
    """Remembers, for every step carried out, the stretch of real time it took and the
    moment of the plan it stands for. Every timestamp a service wrote during the step
    (the current moment) is moved to that moment afterwards (`move_timestamps`)."""

    def __init__(self) -> None:
        self.starts: list[datetime] = []
        self.ends: list[datetime] = []
        self.moments: list[datetime] = []
        self.began = timezone.now()
        self.ended = self.began

    @contextmanager
    def step(self, moment: datetime):
        start = timezone.now()
        try:
            yield
        finally:
            self.ended = timezone.now()
            self.starts.append(start)
            self.ends.append(self.ended)
            self.moments.append(moment)

    def moment(self, value: datetime | None) -> datetime | None:
        """The planned moment for a timestamp written during a step (None otherwise).
        Steps that write several rows keep their order, a fraction of a second apart."""
        if value is None:
            return None
        index = bisect.bisect_right(self.starts, value) - 1
        if index >= 0 and value <= self.ends[index]:
            return self.moments[index] + (value - self.starts[index])
        return None


#: Apps whose rows the demo's steps write (and whose timestamps move to the plan).
STAMPED_APPS = ("complaints", "letters", "surveys", "public", "notifications")


def move_timestamps(clock: Clock) -> int:
    """Move every timestamp written while the plans were carried out to the planned
    moment of its step. A validity end in the future (`expires_at` = made + a term)
    moves with the row's `created_at`. Returns how many rows changed. (One UPDATE per
    row through `executemany`: much faster than `bulk_update`'s CASE for thousands of
    rows, and it passes by the append-only `Event.save` as `bulk_update` would.)"""
    changed = 0
    quote = connection.ops.quote_name
    for app_label in STAMPED_APPS:
        for model in apps.get_app_config(app_label).get_models():
            stamped = [
                f for f in model._meta.concrete_fields if isinstance(f, models.DateTimeField)
            ]
            if not stamped:
                continue
            names = [f.attname for f in stamped]
            condition = models.Q()
            for name in names:
                condition |= models.Q(**{f"{name}__gte": clock.began})
            rows = model._base_manager.filter(condition).values_list("pk", *names)
            params = []
            for pk, *values in rows.iterator(chunk_size=2000):
                current = dict(zip(names, values, strict=True))
                moved = {}
                for name, value in current.items():
                    planned = clock.moment(value)
                    if planned is not None:
                        moved[name] = planned
                if "expires_at" in current and "created_at" in moved:
                    value = current["expires_at"]
                    if value is not None and value > clock.ended:
                        moved["expires_at"] = value + (moved["created_at"] - current["created_at"])
                if moved:
                    params.append(
                        [
                            f.get_db_prep_value(
                                moved.get(f.attname, current[f.attname]), connection
                            )
                            for f in stamped
                        ]
                        + [pk]
                    )
            if params:
                assignments = ", ".join(f"{quote(f.column)} = %s" for f in stamped)
                sql = (
                    f"UPDATE {quote(model._meta.db_table)} SET {assignments} "
                    f"WHERE {quote(model._meta.pk.column)} = %s"
                )
                with connection.cursor() as cursor:
                    cursor.executemany(sql, params)
                changed += len(params)
    return changed
