#!/usr/bin/env python
"""Fill a PostgreSQL database with a large, realistic complaint register for the benchmark.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vangnet_bench \\
        .venv/bin/python bench/generate.py --count 100000

Without DATABASE_URL the database `vangnet_bench` on the local server is used; it is
created and migrated when needed. The demo organisation (Gemeente Vangstad, its partners
and staff) is loaded first when it is missing, without demo complaints. Complaints are
drawn by the demo planner (`vangnet.demo.planner.Planner`: the same mix of channels,
themes, partners, routes and outcomes) and written with `bulk_create` in batches, with
their deadlines (`deadlines.compute` with the Atw calendar), references per year of
receipt, search text, handler, forwards and timeline events. Deterministic: the same seed
and the same day give the same rows. Finally `VACUUM ANALYZE` brings the planner's
statistics (and the visibility map) up to date, as autovacuum would in production.

Refuses SQLite, and refuses a database whose name does not contain "bench" unless
--any-database is given (so it never fills a real register with made-up complaints).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/vangnet_bench"
DEFAULT_COUNT = 100_000
DEFAULT_SEED = 20_240_601
BATCH_SIZE = 5_000
TABLES = [
    "complaints_complaint",
    "complaints_complaint_involved_partners",
    "complaints_forward",
    "complaints_event",
]


def setup_django(*, create_database: bool = False) -> None:
    """Configure Django from the environment, with benchmark defaults."""
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    if not os.environ.get("VANGNET_DEBUG") and not os.environ.get("VANGNET_SECRET_KEY"):
        os.environ["VANGNET_DEBUG"] = "true"  # convenience: no secret key needed
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vangnet.settings")
    src = Path(__file__).resolve().parent.parent / "src"
    if str(src) not in sys.path:
        sys.path.insert(0, str(src))
    if create_database:
        _create_database(os.environ["DATABASE_URL"])
    import django

    django.setup()


def _create_database(url: str) -> None:
    """Create the PostgreSQL database of `url` when it does not exist yet."""
    import dj_database_url

    config = dj_database_url.parse(url)
    if "postgresql" not in config["ENGINE"]:
        return
    import psycopg
    from psycopg import sql

    params = {
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
    }
    try:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
            ).fetchone()
            if not exists:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))
                print(f"Database {config['NAME']} aangemaakt.")
    except psycopg.Error as error:  # the migrate step reports a clearer error later
        print(f"Kon niet controleren of de database bestaat: {error}", file=sys.stderr)


def require_postgresql(*, any_database: bool = False) -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        raise SystemExit(
            "De benchmark draait alleen op PostgreSQL (de productiedatabase). Zet DATABASE_URL, "
            "bijvoorbeeld postgres://postgres@127.0.0.1:5432/vangnet_bench."
        )
    name = connection.settings_dict["NAME"]
    if not any_database and "bench" not in name:
        raise SystemExit(
            f"Database {name!r} lijkt geen benchmarkdatabase (de naam bevat geen 'bench'). "
            "Gebruik --any-database als u hier echt verzonnen klachten in wilt zetten."
        )


@contextmanager
def keep_timestamps():
    """Let bulk_create store the planned `created_at`, `updated_at` and event `at`
    instead of the current moment (auto_now / auto_now_add are switched off meanwhile).
    Only for this generator: the register itself never back-dates anything."""
    from vangnet.complaints.models import Complaint, Event

    switches = [
        (Complaint._meta.get_field("created_at"), "auto_now_add"),
        (Complaint._meta.get_field("updated_at"), "auto_now"),
        (Event._meta.get_field("at"), "auto_now_add"),
    ]
    saved = [(field, attr, getattr(field, attr)) for field, attr in switches]
    try:
        for field, attr in switches:
            setattr(field, attr, False)
        yield
    finally:
        for field, attr, value in saved:
            setattr(field, attr, value)


def _event_rows(plan, complaint, users, partners) -> list[tuple]:
    """The timeline the services would have written for this plan, as rows for COPY:
    (complaint_id, at, actor_id, action, summary, changes as JSON)."""
    import json

    from vangnet.complaints.events import Action
    from vangnet.complaints.models import Channel, Kind
    from vangnet.complaints.workflow import State

    def row(at, actor, action, summary, changes):
        return (
            complaint.pk,
            at,
            actor.pk if actor else None,
            action.value,
            summary,
            json.dumps(changes, ensure_ascii=False),
        )

    if complaint.kind == Kind.COMPLAINT:
        summary = f"Klacht geregistreerd via {Channel(complaint.channel).label}."
        initial = State.RECEIVED
    else:
        summary = (
            f"{Kind(complaint.kind).label} geregistreerd en doorverwezen naar "
            f"{complaint.redirected_to}."
        )
        initial = State.CLOSED
    registrar = users[plan.registrar] if plan.registrar else None
    rows = [
        row(plan.registered_at, registrar, Action.REGISTERED, summary, {"state": [None, initial]})
    ]
    state = State.RECEIVED
    for step in plan.steps:
        actor = users[step.actor]
        if step.action == "assign":
            handler = str(users[step.handler])
            rows.append(
                row(
                    step.at,
                    actor,
                    Action.ASSIGNED,
                    f"Toegewezen aan {handler}.",
                    {"handler": [None, handler]},
                )
            )
        elif step.action == "start":
            rows.append(
                row(
                    step.at,
                    actor,
                    Action.STATE_CHANGED,
                    "In behandeling nemen",
                    {"state": [state, State.IN_PROGRESS]},
                )
            )
            state = State.IN_PROGRESS
        elif step.action == "forward":
            name = partners[step.partner].name
            rows.append(
                row(
                    step.at,
                    actor,
                    Action.FORWARDED,
                    f"Doorgestuurd naar {name}.",
                    {"forwards": [None, name]},
                )
            )
        elif step.action == "note":
            rows.append(row(step.at, actor, Action.NOTE_ADDED, step.text, {}))
        else:  # close
            rows.append(
                row(
                    step.at,
                    actor,
                    Action.STATE_CHANGED,
                    step.text,
                    {"state": [state, State.CLOSED], "outcome": ["", step.outcome]},
                )
            )
    return rows


def copy_events(rows: list[tuple]) -> None:
    """Write timeline events with COPY: about five per complaint, so they are the bulk of
    the rows, and COPY is much faster than a bulk INSERT for them."""
    from django.db import connection

    columns = "complaint_id, at, actor_id, action, summary, changes"
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY complaints_event ({columns}) FROM STDIN") as copy,
    ):
        for values in rows:
            copy.write_row(values)


def generate(
    *,
    count: int = DEFAULT_COUNT,
    seed: int = DEFAULT_SEED,
    batch_size: int = BATCH_SIZE,
    history_days: int | None = None,
    today=None,
    progress=None,
) -> dict:
    """Insert `count` complaints (and a few non-complaints) with bulk_create. Returns
    {"rows", "seconds"}. Loads the demo organisation first when it is missing."""
    import random

    from django.db import transaction

    from vangnet.complaints import deadlines
    from vangnet.complaints.models import Complaint, Forward, Kind
    from vangnet.demo import generate as demo
    from vangnet.demo import organisation
    from vangnet.demo.numbering import Numbering
    from vangnet.demo.planner import HISTORY_DAYS, Planner
    from vangnet.organisations.models import Municipality

    if not organisation.demo_is_loaded():
        if Municipality.objects.exists():
            raise SystemExit(
                "Er is al een andere gemeente ingesteld; de generator gebruikt de demo."
            )
        demo.load_demo(complaints=0)
    org = organisation.load_org()
    today = today or deadlines.today()
    history_days = history_days or HISTORY_DAYS
    planner = Planner(org, seed=seed, today=today, history_days=history_days)
    # Days of receipt drawn up front and sorted, so references run in order of receipt.
    order = random.Random(seed)
    days_ago = sorted((order.randrange(history_days) for _ in range(count)), reverse=True)
    users = org.users
    partners = org.partners
    involved_model = Complaint.involved_partners.through
    started = time.monotonic()
    made = 0
    with transaction.atomic(), keep_timestamps():
        numbering = Numbering.load()
        for start in range(0, count, batch_size):
            plans = [planner.plan(days_ago=n) for n in days_ago[start : start + batch_size]]
            plans.sort(key=lambda plan: (plan.received_on, plan.registered_at))
            complaints = []
            for plan in plans:
                complaint = Complaint(**plan.data)
                complaint.reference = numbering.next(plan.received_on.year)
                complaint.state = plan.state
                complaint.outcome = plan.outcome
                complaint.closed_on = plan.closed_on
                complaint.handler = users[plan.handler] if plan.handler else None
                complaint.created_by = users[plan.registrar] if plan.registrar else None
                complaint.created_at = plan.registered_at
                complaint.updated_at = plan.last_at
                if complaint.kind == Kind.COMPLAINT:
                    due = planner.deadlines_for(plan.received_on, complaint.advisory_committee)
                    for name, value in due.as_dict().items():
                        setattr(complaint, name, value)
                complaint.search_text = complaint.build_search_text()
                complaints.append(complaint)
            Complaint.objects.bulk_create(complaints, batch_size=batch_size)

            involved, forwards, events = [], [], []
            for plan, complaint in zip(plans, complaints, strict=True):
                involved += [
                    involved_model(complaint_id=complaint.pk, partner_id=partner.pk)
                    for partner in plan.involved
                ]
                for step in plan.forwards:
                    forwards.append(
                        Forward(
                            complaint=complaint,
                            partner=partners[step.partner],
                            forwarded_on=step.day,
                            forwarded_by=users[step.actor],
                            note=step.text,
                        )
                    )
                events += _event_rows(plan, complaint, users, partners)
            involved_model.objects.bulk_create(involved, batch_size=batch_size)
            Forward.objects.bulk_create(forwards, batch_size=batch_size)
            copy_events(events)
            made += len(complaints)
            if progress:
                progress(made, time.monotonic() - started)
        numbering.save(also=today.year)
    return {"rows": made, "seconds": time.monotonic() - started}


def vacuum_analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"VACUUM (ANALYZE) {table}")


def reset() -> None:
    """Empty the register (complaints, their timeline, forwards and reference counters)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE complaints_event, complaints_forward, complaints_attachment, "
            "complaints_complaint_involved_partners, complaints_complaint, "
            "complaints_referencecounter RESTART IDENTITY"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT, help="aantal klachten")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    parser.add_argument(
        "--days", type=int, default=None, help="over hoeveel dagen terug (standaard 730)"
    )
    parser.add_argument(
        "--reset", action="store_true", help="eerst alle klachten uit de database verwijderen"
    )
    parser.add_argument(
        "--append",
        action="store_true",
        help="--count klachten toevoegen, ook als het register al gevuld is",
    )
    parser.add_argument(
        "--any-database",
        action="store_true",
        help="ook een database waarvan de naam geen 'bench' bevat",
    )
    args = parser.parse_args(argv)

    setup_django(create_database=True)
    require_postgresql(any_database=args.any_database)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)
    if args.reset:
        reset()
        print("Klachtenregister leeggemaakt.")

    def progress(rows: int, seconds: float) -> None:
        print(f"  {rows:>9,} rijen  {seconds:6.1f} s  {rows / seconds:8,.0f} rijen/s", flush=True)

    from vangnet.complaints.models import Complaint

    name = connection.settings_dict["NAME"]
    existing = Complaint.objects.count()
    count = args.count if args.append else args.count - existing
    if count <= 0:
        print(
            f"{name} bevat al {existing:,} berichten; niets toegevoegd "
            "(--reset om opnieuw te vullen, --append om toe te voegen)."
        )
        return
    if existing:
        print(f"{name} bevat al {existing:,} berichten.")
    print(f"{count:,} klachten genereren in {name} (seed {args.seed}) ...")
    result = generate(
        count=count,
        seed=args.seed,
        batch_size=args.batch_size,
        history_days=args.days,
        progress=progress,
    )
    print(
        f"{result['rows']:,} klachten in {result['seconds']:.1f} s "
        f"({result['rows'] / max(result['seconds'], 1e-9):,.0f} rijen/s)."
    )
    started = time.monotonic()
    vacuum_analyze()
    print(f"VACUUM ANALYZE in {time.monotonic() - started:.1f} s.")
    print(f"Het register bevat nu {Complaint.objects.count():,} berichten.")


if __name__ == "__main__":
    main()
