#!/usr/bin/env python
"""Time what the back office and the API run against a large register (PostgreSQL).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vangnet_bench \\
        .venv/bin/python bench/bench_register.py

Fill the database first with bench/generate.py. For each user (coordinator, handler and
partner from the demo), every case is run a few times to warm up and then --runs times;
the median and 95th percentile are printed in milliseconds, with the number of rows the
list counts and the number of queries one run takes.

Query level (what the list and detail views call):
- list: the first page of `ComplaintFilter` over
  `selectors.for_list(selectors.visible_complaints(user))`, plus the paginator's count;
- filtered: the same with state + theme (a main theme) + overdue;
- search: a common word, a rare word and a reference (`q`);
- detail: `selectors.complaint_detail` + the timeline.
Page level: the same through Django's test Client against the real URLs
(`backoffice:complaint_list`, `backoffice:complaint_detail`, `backoffice:my_work`,
`api:complaint-list`, `api:complaint-detail`); a URL that does not exist yet is skipped.

With --explain the plans (EXPLAIN ANALYZE) of the list's queries are printed; the script
always says whether the full-text search uses the GIN index `complaint_search_nl`.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import require_postgresql, setup_django  # noqa: E402

SEARCH_INDEX = "complaint_search_nl"
COMMON_WORD = "container"
RARE_WORD = "Wolterbeek"
USERS = ["coordinator", "handler", "partner"]


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[index]


class _QueryCounter:
    """Counts the queries run on the connection (an execute wrapper: unlike
    connection.queries it is not reset by the test Client's request_started signal)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def measure(run: Callable[[], object], *, runs: int, warmup: int = 2) -> tuple[list[float], int]:
    """Milliseconds per run, and the number of queries of one run."""
    from django.db import connection

    for _ in range(warmup):
        run()
    counter = _QueryCounter()
    with connection.execute_wrapper(counter):
        run()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        timings.append((time.perf_counter() - started) * 1000)
    return timings, counter.count


class Report:
    def __init__(self) -> None:
        self.rows: list[tuple] = []
        print(
            f"{'user':<12} {'case':<34} {'rows':>8} {'median ms':>10} {'p95 ms':>8} {'queries':>8}"
        )
        print("-" * 84)

    def add(self, user: str, case: str, timings: list[float], rows, queries) -> None:
        median = statistics.median(timings)
        p95 = percentile(timings, 0.95)
        rows_text = "" if rows is None else f"{rows:,}"
        flag = "  <-- slow" if median > 300 else ""
        line = (
            f"{user:<12} {case:<34} {rows_text:>8} {median:>10.1f} {p95:>8.1f} {queries:>8}{flag}"
        )
        print(line, flush=True)
        self.rows.append((user, case, rows, median, p95, queries))

    def skip(self, user: str, case: str, why: str) -> None:
        print(f"{user:<12} {case:<34} skipped ({why})", flush=True)


def list_cases(theme_pk: int, reference: str) -> list[tuple[str, dict]]:
    return [
        ("list (page 1 + count)", {}),
        (
            "filtered (state+theme+overdue)",
            {"state": "in_progress", "theme": theme_pk, "overdue": "on"},
        ),
        (f"search common ({COMMON_WORD})", {"q": COMMON_WORD}),
        (f"search rare ({RARE_WORD})", {"q": RARE_WORD}),
        ("search reference", {"q": reference}),
    ]


def list_page(user, params: dict, page_size: int):
    """What the back-office list runs: filter, first page, count."""
    from django.core.paginator import Paginator

    from vangnet.complaints import selectors
    from vangnet.complaints.filters import ComplaintFilter

    user.__dict__.pop("_roles_cache", None)  # as in a request: the roles are looked up
    queryset = selectors.for_list(selectors.visible_complaints(user))
    filterset = ComplaintFilter(params, queryset=queryset)
    page = Paginator(filterset.qs, page_size).page(1)
    rows = list(page.object_list)
    return page.paginator.count, rows


def detail(user, pk: int):
    from vangnet.complaints import selectors

    user.__dict__.pop("_roles_cache", None)
    complaint = selectors.complaint_detail(user, pk)
    events = list(selectors.timeline(complaint))
    list(complaint.forwards.all())
    list(complaint.involved_partners.all())
    list(complaint.attachments.all())
    return complaint, events


def explain_list(user, params: dict, *, show: bool) -> list[str]:
    """EXPLAIN ANALYZE the queries of one list run; returns the plans."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from vangnet.core.models import User

    page_size = _page_size()
    user = User.objects.get(pk=user.pk)  # fresh instance: role lookup counts as a query
    with CaptureQueriesContext(connection) as captured:
        list_page(user, params, page_size)
    plans = []
    for query in captured.captured_queries:
        sql = query["sql"]
        if "complaints_complaint" not in sql or not sql.lstrip().upper().startswith("SELECT"):
            continue
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
        plans.append(plan)
        if show:
            print(f"\n-- {sql[:300]}{'...' if len(sql) > 300 else ''}\n{plan}\n")
    return plans


def _page_size() -> int:
    from django.conf import settings

    return settings.VANGNET["PAGE_SIZE"]


def query_level(report: Report, users: dict, *, runs: int, explain: bool) -> None:
    from vangnet.complaints.models import Complaint
    from vangnet.organisations.models import Theme

    page_size = _page_size()
    theme = Theme.objects.get(slug="sociaal-domein")
    reference = Complaint.objects.order_by("id").values_list("reference", flat=True)[
        Complaint.objects.count() // 2
    ]
    for username, user in users.items():
        for case, params in list_cases(theme.pk, reference):
            count, _rows = list_page(user, params, page_size)
            timings, queries = measure(
                lambda u=user, p=params: list_page(u, p, page_size), runs=runs
            )
            report.add(username, case, timings, count, queries)
        target = _detail_target(user)
        if target is None:
            report.skip(username, "detail + timeline", "nothing visible")
            continue
        _complaint, events = detail(user, target.pk)
        timings, queries = measure(lambda u=user, pk=target.pk: detail(u, pk), runs=runs)
        report.add(username, f"detail + timeline ({len(events)} events)", timings, None, queries)

    # Where the time of each list query goes (planning vs execution), and does the
    # full-text search use the GIN index?
    print("\nEXPLAIN ANALYZE of the list's queries (coordinator), planning / execution ms:")
    coordinator = users["coordinator"]
    for case, params in list_cases(theme.pk, reference):
        plans = explain_list(coordinator, params, show=explain)
        parts = []
        for plan in plans:
            kind = "count" if "Aggregate" in plan.splitlines()[0] else "page"
            planning = re.search(r"Planning Time: ([\d.]+)", plan)
            execution = re.search(r"Execution Time: ([\d.]+)", plan)
            if planning and execution:
                parts.append(f"{kind} {float(planning[1]):.1f} / {float(execution[1]):.1f}")
        print(f"  {case:<34} {'; '.join(parts)}")
        if "q" in params and params["q"] != reference:
            used = any(SEARCH_INDEX in plan for plan in plans)
            answer = "yes" if used else "NO"
            print(f"full-text '{params['q']}': GIN index {SEARCH_INDEX} used: {answer}")


def _detail_target(user):
    """A recently closed complaint the user may see: one with a full timeline."""
    from vangnet.complaints.models import Complaint

    visible = Complaint.objects.filter(pk__in=_visible_ids(user), kind="complaint")
    return (
        visible.filter(state="closed").order_by("-closed_on", "-id").first()
        or visible.order_by("-received_on", "-id").first()
    )


def _visible_ids(user):
    from vangnet.complaints import selectors

    return selectors.visible_complaints(user).values("pk")


def _reverse(names: list[str], kwargs_options: list[dict] | None = None) -> str | None:
    from django.urls import NoReverseMatch, reverse

    for name in names:
        for kwargs in kwargs_options or [{}]:
            try:
                return reverse(name, kwargs=kwargs or None)
            except NoReverseMatch:
                continue
    return None


def page_level(report: Report, users: dict, *, runs: int) -> None:
    from django.conf import settings
    from django.test import Client

    from vangnet.complaints.models import Complaint
    from vangnet.organisations.models import Theme

    host = next(
        (h for h in settings.ALLOWED_HOSTS if h not in {"*", ""} and not h.startswith(".")),
        "localhost",
    )
    theme = Theme.objects.get(slug="sociaal-domein")
    reference = Complaint.objects.order_by("id").values_list("reference", flat=True)[
        Complaint.objects.count() // 2
    ]
    list_urls = [
        ("backoffice list", _reverse(["backoffice:complaint_list"])),
        ("api list", _reverse(["api:complaint-list", "api:complaints-list"])),
    ]
    for username, user in users.items():
        client = Client(SERVER_NAME=host)
        client.force_login(user)
        my_work = _reverse(["backoffice:my_work"])
        if my_work:
            _page(report, client, username, "page: my work", my_work, {}, runs)
        else:
            report.skip(username, "page: my work", "no URL backoffice:my_work")
        for label, url in list_urls:
            if not url:
                report.skip(username, f"page: {label}", "URL not there yet")
                continue
            for case, params in list_cases(theme.pk, reference):
                _page(report, client, username, f"{label}: {case}"[:34], url, params, runs)
        target = _detail_target(user)
        for label, names in [
            ("backoffice detail", ["backoffice:complaint_detail"]),
            ("api detail", ["api:complaint-detail", "api:complaints-detail"]),
        ]:
            url = target and _reverse(names, [{"pk": target.pk}, {"reference": target.reference}])
            if not url:
                report.skip(
                    username, f"page: {label}", "URL not there yet" if target else "nothing visible"
                )
                continue
            _page(report, client, username, f"page: {label}", url, {}, runs)


def _page(report: Report, client, username: str, case: str, url: str, params: dict, runs: int):
    response = client.get(url, params)
    if response.status_code != 200:
        report.skip(username, case, f"HTTP {response.status_code}")
        return
    timings, queries = measure(lambda: client.get(url, params), runs=runs)
    report.add(username, case, timings, None, queries)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="metingen per geval (standaard 20)")
    parser.add_argument("--explain", action="store_true", help="toon de queryplannen")
    parser.add_argument(
        "--no-pages", action="store_true", help="sla de pagina's (test Client) over"
    )
    parser.add_argument("--any-database", action="store_true")
    args = parser.parse_args(argv)

    setup_django()
    require_postgresql(any_database=args.any_database)
    from django.conf import settings
    from django.db import connection

    from vangnet.complaints.models import Complaint, Event
    from vangnet.core.models import User

    total = Complaint.objects.count()
    if not total:
        raise SystemExit("Het register is leeg: vul het eerst met bench/generate.py.")
    users = {user.username: user for user in User.objects.filter(username__in=USERS)}
    users = {name: users[name] for name in USERS if name in users}
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    print(
        f"Database {connection.settings_dict['NAME']} (PostgreSQL {version}): {total:,} berichten, "
        f"{Event.objects.count():,} gebeurtenissen; {args.runs} metingen per geval; "
        f"DEBUG={settings.DEBUG}.\n"
    )
    report = Report()
    query_level(report, users, runs=args.runs, explain=args.explain)
    if not args.no_pages:
        print()
        page_level(report, users, runs=args.runs)
    slow = [row for row in report.rows if row[3] > 300]
    print(f"\n{len(slow)} geval(len) met een mediaan boven 300 ms.")


if __name__ == "__main__":
    main()
