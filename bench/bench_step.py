#!/usr/bin/env python
"""Time a procedure step that sends a letter, as the back office takes it, on PostgreSQL.

    .venv/bin/python bench/bench_step.py                       # acknowledge, 30 complaints
    .venv/bin/python bench/bench_step.py --step hold_hearing --count 20

Each complaint is registered first (untimed; for `hold_hearing` it is also taken through
acknowledge, start_formal, offer_hearing and plan_hearing, untimed), then the step is
taken once per complaint with `handling.guard.perform` in its own transaction, as the
back office and the API take it: the wall time from the call until its transaction has
committed, the time the complaint row stays locked. Two complaints are stepped first as a warm-up
(templates, WeasyPrint's import). It prints the median, p95, min and max in
milliseconds and how many of the letters had their PDF when the step returned.

Background work runs as in production: with the task backend of the settings (the
database backend, `django_tasks_db`: the on-commit work only enqueues a task row; no
worker runs during the benchmark, so no e-mail leaves). With `--render` the PDFs the
steps left to the task worker are then made in this process, one letter at a time, and
their median is printed too: the time moved out of the step (the first includes
WeasyPrint's start-up in this process).

Uses the demo organisation (`load_demo --complaints 0` when no municipality is set up)
in `vangnet_bench_step` (DATABASE_URL; created and migrated when missing). Refuses
SQLite and a database whose name does not contain "bench". Letters are written to a
temporary MEDIA_ROOT that is removed afterwards.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/vangnet_bench_step"
STEPS = ("acknowledge", "hold_hearing")
WARM_UP = 2


def _registration_data(number: int) -> dict:
    from vangnet.complaints.models import Channel, Kind, SubjectType
    from vangnet.organisations.models import Body, Department, Theme

    theme = Theme.objects.filter(parent__isnull=False, is_active=True).order_by("pk").first()
    department = Department.objects.filter(email__gt="").order_by("pk").first()
    return {
        "kind": Kind.COMPLAINT,
        "received_on": time_today() - timedelta(days=2),
        "channel": Channel.EMAIL,
        "body": Body.objects.get(is_default=True),
        "theme": theme,
        "subject_type": SubjectType.MUNICIPALITY,
        "department": department,
        "complainant_name": f"Bench Indiener {number}",
        "complainant_street": "Benchstraat 1",
        "complainant_postcode": "1234 AB",
        "complainant_city": "Vangstad",
        "complainant_email": f"indiener{number}@example.invalid",
        "description": "De container is al drie weken niet geleegd, ondanks twee meldingen.",
        "desired_outcome": "Dat de container wordt geleegd.",
    }


def time_today():
    from vangnet.complaints import deadlines

    return deadlines.today()


def _prepare(step: str, count: int, coordinator) -> list:
    """`count` complaints ready for `step` (untimed)."""
    from vangnet.complaints import services
    from vangnet.handling.guard import perform

    complaints = []
    for number in range(count):
        complaint = services.register_complaint(actor=coordinator, data=_registration_data(number))
        if step == "hold_hearing":
            for before, data in (
                ("acknowledge", {}),
                ("start_formal", {}),
                ("offer_hearing", {}),
                (
                    "plan_hearing",
                    {"planned_at": time_now() + timedelta(days=3), "location": "Stadhuis"},
                ),
            ):
                complaint = perform(
                    before, actor=coordinator, complaint=complaint, data=data
                ).complaint
        complaints.append(complaint)
    return complaints


def time_now():
    from django.utils import timezone

    return timezone.now()


def _step_data(step: str) -> dict:
    if step == "hold_hearing":
        return {
            "held_on": time_today(),
            "participants": "De indiener, de behandelaar",
            "record": "De indiener lichtte toe wat er gebeurde; de behandelaar bood excuses aan.",
            "send_record": True,
        }
    return {}


def _pdf_present(complaint) -> bool:
    letter = complaint.letters.order_by("-pk").first()
    return bool(letter and letter.pdf)


def _render_pending(after_letter: int) -> list[float]:
    """Make the PDFs the timed steps left to the task worker (letters after
    `after_letter`), here, one by one; seconds per letter."""
    try:
        from vangnet.letters import pdfs
    except ImportError:  # the code before PDFs moved out of the step
        return []
    from vangnet.letters.models import Letter

    seconds = []
    pending = Letter.objects.filter(pk__gt=after_letter, pdf="").order_by("pk")
    for letter_id in list(pending.values_list("pk", flat=True)):
        started = time.perf_counter()
        pdfs.make_pdf(letter_id)
        seconds.append(time.perf_counter() - started)
    return seconds


def _last_letter() -> int:
    from vangnet.letters.models import Letter

    return Letter.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _ms(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (
        f"median {statistics.median(ordered) * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms   "
        f"min {ordered[0] * 1000:7.1f} ms   max {ordered[-1] * 1000:7.1f} ms"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--step", choices=STEPS, default="acknowledge")
    parser.add_argument("--count", type=int, default=30, help="complaints to step (timed)")
    parser.add_argument(
        "--render", action="store_true", help="then make the pending PDFs here and time them"
    )
    args = parser.parse_args(argv)

    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    media = tempfile.mkdtemp(prefix="vangnet-bench-step-")
    os.environ["VANGNET_MEDIA_ROOT"] = media
    from generate import require_postgresql, setup_django

    setup_django(create_database=True)
    require_postgresql()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from vangnet.core.models import User
    from vangnet.handling.guard import perform
    from vangnet.organisations.models import Municipality

    call_command("migrate", verbosity=0, interactive=False)
    if not Municipality.objects.exists():
        call_command("load_demo", complaints=0, verbosity=0, stdout=io.StringIO())
    coordinator = User.objects.get(username="coordinator")
    backend = settings.TASKS["default"]["BACKEND"]
    print(
        f"{connection.settings_dict['NAME']}: step {args.step} on {args.count} complaints "
        f"(+{WARM_UP} warm-up), task backend {backend}"
    )
    try:
        complaints = _prepare(args.step, args.count + WARM_UP, coordinator)
        data = _step_data(args.step)
        seconds = []
        with_pdf = 0
        first_letter = _last_letter()
        for index, complaint in enumerate(complaints):
            started = time.perf_counter()
            complaint = perform(
                args.step, actor=coordinator, complaint=complaint, data=data
            ).complaint
            elapsed = time.perf_counter() - started
            if index >= WARM_UP:
                seconds.append(elapsed)
                with_pdf += _pdf_present(complaint)
            else:
                first_letter = _last_letter()
        print(f"step {args.step:<14} {_ms(seconds)}")
        print(f"letters with their PDF when the step returned: {with_pdf} of {len(seconds)}")
        if args.render:
            rendered = _render_pending(first_letter)
            if rendered:
                print(f"PDF task (after)    {_ms(rendered)}   ({len(rendered)} letters)")
            else:
                print("PDF task (after)    nothing left to render")
    finally:
        import shutil

        shutil.rmtree(media, ignore_errors=True)


if __name__ == "__main__":
    main()
