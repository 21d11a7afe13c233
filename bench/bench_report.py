#!/usr/bin/env python
"""Time the annual report's figures for registers of 100,000 and 1,000,000 complaints.

    .venv/bin/python bench/bench_report.py
    .venv/bin/python bench/bench_report.py --sizes 100000 1000000 --repeat 3

For every size a PostgreSQL database of its own (`vangnet_bench_report_<size>`) is
created, migrated and filled by `bench/bulk_sql.py` (SQL `INSERT ... SELECT` from
`generate_series`: three calendar years of complaints with their decisions, contacts,
letters, forwards and surveys), unless it already holds exactly that data; `--regenerate`
fills it again. Then, in a fresh Python process per size (so the memory figures are its
own), `vangnet.reports.kpis.compute(Period.year(Y))` for the middle year Y runs once to
warm up and `--repeat` times measured, followed each time by the published variant and
its flattening to open-data rows (`list(report.published(5).flat())`) and the CSV file
(`exports.to_csv`).

Prints a Markdown table (median and max seconds, figure rows, queries, memory peak) and
the growth from each size to the next against linear growth with 25% tolerance: the
issue asks that the time grows no worse than linearly with the register. Exits 1 when
it grows worse.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

DEFAULT_SIZES = [100_000, 1_000_000]
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/vangnet_bench_report_{size}"
#: Linear growth is allowed this much slack (planner choices, caches, noise).
TOLERANCE = 1.25
THRESHOLD = 5


def database_url(template: str, size: int) -> str:
    return template.replace("{size}", str(size))


# --- One size, in its own process ----------------------------------------------------------


def run_one(args: argparse.Namespace) -> dict:
    """Fill (when needed) and measure one size; returns the measurements."""
    import gc
    import resource
    import tracemalloc

    os.environ["DATABASE_URL"] = database_url(args.database_url, args.one)
    from generate import require_postgresql, setup_django

    setup_django(create_database=True)
    require_postgresql()
    import bulk_sql
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)
    size, first_year = args.one, args.first_year
    log = (lambda line: print(line, file=sys.stderr, flush=True)) if args.verbose else None
    generated = None
    if args.regenerate or not bulk_sql.is_filled(count=size, first_year=first_year, seed=args.seed):
        print(f"{connection.settings_dict['NAME']}: {size:,} klachten maken ...", file=sys.stderr)
        result = bulk_sql.load(count=size, first_year=first_year, seed=args.seed, progress=log)
        generated = {
            "seconds": result["seconds"],
            "sql_seconds": result["sql_seconds"],
            "rows": sum(result["rows"].values()),
        }
        print(
            f"  klaar in {result['seconds']:.1f} s ({size / result['seconds']:,.0f} klachten/s)",
            file=sys.stderr,
        )

    from vangnet.reports import exports, figures, kpis

    period = figures.Period.year(first_year + 1)

    def compute():
        return kpis.compute(period, body=None)

    def publish(report):
        return list(report.published(THRESHOLD).flat())

    queries = 0

    def count_queries(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    gc.collect()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with connection.execute_wrapper(count_queries):
        report = compute()  # warm-up (also counts the queries of one run)
    publish(report)
    compute_times, publish_times, csv_times = [], [], []
    for _ in range(args.repeat):
        started = time.perf_counter()
        report = compute()
        compute_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        rows = publish(report)
        publish_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        csv = exports.to_csv(report.published(THRESHOLD))
        csv_times.append(time.perf_counter() - started)
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    # Python's own allocations during one computation (untimed: tracing slows it down).
    gc.collect()
    tracemalloc.start()
    compute()
    _current, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    volume = report.section("volume")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        database_bytes = cursor.fetchone()[0]
    return {
        "size": size,
        "database": connection.settings_dict["NAME"],
        "database_bytes": database_bytes,
        "year": period.label,
        "received": volume.figure("received").cell.value,
        "closed": volume.figure("closed").cell.value,
        "generated": generated,
        "compute": compute_times,
        "publish": publish_times,
        "csv": csv_times,
        "csv_bytes": len(csv),
        "figure_rows": len(rows),
        "queries": queries,
        "rss_before_mb": rss_before / 1024,
        "rss_peak_mb": rss_peak / 1024,
        "python_peak_mb": traced_peak / 1024 / 1024,
    }


# --- The whole run ---------------------------------------------------------------------------


def measure(args: argparse.Namespace, size: int) -> dict:
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--one",
        str(size),
        "--repeat",
        str(args.repeat),
        "--first-year",
        str(args.first_year),
        "--seed",
        str(args.seed),
        "--database-url",
        args.database_url,
    ]
    if args.regenerate:
        command.append("--regenerate")
    if args.verbose:
        command.append("--verbose")
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"Meting voor {size:,} klachten mislukt (exit {done.returncode}).")
    return json.loads(done.stdout.strip().splitlines()[-1])


def table(results: list[dict], repeat: int) -> str:
    lines = [
        f"Report figures for {results[0]['year']} (`kpis.compute`, all bodies), PostgreSQL; "
        f"median and max of {repeat} runs after one warm-up.",
        "",
        "| complaints | received in year | compute median (s) | compute max (s) "
        "| published + flat median (ms) | CSV median (ms) | figure rows | queries "
        "| peak RSS (MB) | Python peak (MB) | database (MB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['size']:,} | {r['received']:,} | {statistics.median(r['compute']):.3f} "
            f"| {max(r['compute']):.3f} | {statistics.median(r['publish']) * 1000:.1f} "
            f"| {statistics.median(r['csv']) * 1000:.1f} | {r['figure_rows']:,} "
            f"| {r['queries']} | {r['rss_peak_mb']:.0f} | {r['python_peak_mb']:.1f} "
            f"| {r['database_bytes'] / 1024 / 1024:,.0f} |"
        )
    return "\n".join(lines)


def growth(results: list[dict]) -> tuple[str, bool]:
    """Time ratio between consecutive sizes against the size ratio × TOLERANCE."""
    lines, ok = [], True
    ordered = sorted(results, key=lambda r: r["size"])
    for small, large in zip(ordered, ordered[1:], strict=False):
        size_ratio = large["size"] / small["size"]
        time_ratio = statistics.median(large["compute"]) / statistics.median(small["compute"])
        limit = size_ratio * TOLERANCE
        linear = time_ratio <= limit
        ok &= linear
        verdict = "linear or better" if linear else "WORSE than linear"
        lines.append(
            f"Growth {small['size']:,} → {large['size']:,} complaints (×{size_ratio:g}): "
            f"time(large)/time(small) = {time_ratio:.2f}; limit {size_ratio:g} × "
            f"{TOLERANCE} = {limit:g} (linear with {round((TOLERANCE - 1) * 100)}% "
            f"tolerance): **{verdict}**"
        )
    return "\n".join(lines), ok


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=DEFAULT_SIZES)
    parser.add_argument("--repeat", type=int, default=3, help="gemeten runs per grootte")
    parser.add_argument(
        "--first-year",
        type=int,
        default=date.today().year - 3,
        help="eerste van de drie jaren met klachten; gemeten wordt het middelste",
    )
    parser.add_argument("--seed", type=int, default=20_240_601)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_REPORT_DATABASE_URL", DEFAULT_URL),
        help="database per grootte; {size} wordt vervangen door het aantal klachten",
    )
    parser.add_argument("--regenerate", action="store_true", help="altijd opnieuw vullen")
    parser.add_argument("--json", action="store_true", help="ook de ruwe metingen (JSON)")
    parser.add_argument("--verbose", action="store_true", help="rijen en tijd per tabel")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.repeat < 1 or any(size < 1 for size in args.sizes):
        parser.error("--repeat en --sizes moeten positief zijn")

    if args.one:
        print(json.dumps(run_one(args)))
        return

    results = []
    for size in sorted(set(args.sizes)):
        started = time.monotonic()
        result = measure(args, size)
        generated = result["generated"]
        note = (
            f"gevuld in {generated['seconds']:.1f} s, waarvan SQL {generated['sql_seconds']:.1f} s "
            f"({size / generated['sql_seconds']:,.0f} klachten/s, {generated['rows']:,} rijen)"
            if generated
            else "bestaande data hergebruikt"
        )
        print(
            f"{size:>9,} klachten: {note}; meting klaar na {time.monotonic() - started:.1f} s",
            file=sys.stderr,
        )
        results.append(result)
    print(table(results, args.repeat))
    text, ok = growth(results)
    if text:
        print()
        print(text)
    if args.json:
        print()
        print(json.dumps(results, indent=2))
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
