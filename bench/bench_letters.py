#!/usr/bin/env python
"""Time the rendering of a conclusion letter (Awb 9:12) to its PDF/UA-1.

    .venv/bin/python bench/bench_letters.py [--runs 20]

The letter is the complete one `vangnet.letters.services.build_letter` makes: the
shared frame, the conclusion's fixed blocks and the default texts, for a realistic
decision (findings, three complaint parts with Behoorlijkheidswijzer norms, conclusions,
measures, the advisory committee's advice in an annex, the second-line ombudsman). All
of it is built in memory from unsaved model instances (`vangnet.letters.samples`):
no database is needed, and a query would stop the script. One warm-up run (fonts,
templates), then --runs timed runs of HTML + PDF; prints the median and 95th percentile
in milliseconds, and the same for the HTML alone.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path


def setup_django() -> None:
    if not os.environ.get("VANGNET_DEBUG") and not os.environ.get("VANGNET_SECRET_KEY"):
        os.environ["VANGNET_DEBUG"] = "true"  # convenience: no secret key needed
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vangnet.settings")
    src = Path(__file__).resolve().parent.parent / "src"
    if str(src) not in sys.path:
        sys.path.insert(0, str(src))
    import django

    django.setup()


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[index]


def _no_queries(execute, sql, params, many, context):
    raise RuntimeError(f"bench_letters must not touch the database: {sql}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="timed runs (default 20)")
    args = parser.parse_args(argv)
    setup_django()

    from django.db import connection
    from django.utils import translation

    from vangnet.letters import samples, templating
    from vangnet.letters.models import Letter
    from vangnet.letters.services import build_letter
    from vangnet.organisations.models import Body, Municipality

    kind = Letter.Kind.CONCLUSION
    municipality = Municipality(
        name="Gemeente Vangstad",
        address="Postbus 1\n1234 AA Vangstad",
        phone="14 012",
        email="klachten@vangstad.invalid",
        website="https://www.vangstad.invalid",
    )
    body = Body(name="College van burgemeester en wethouders", kind=Body.Kind.COLLEGE)
    with translation.override("nl"):
        texts = templating.default_texts(kind)

    def render() -> tuple[float, float, int]:
        start = time.perf_counter()
        complaint = samples.sample_complaint(body=body)
        context = samples.sample_context(kind, complaint)
        context["municipality"] = municipality
        letter = build_letter(
            kind=kind, complaint=complaint, context=context, texts=texts, by_post=True
        )
        html_done = time.perf_counter()
        pdf = letter.pdf()
        end = time.perf_counter()
        assert pdf.startswith(b"%PDF-") and len(letter.context["parts"]) == 3
        return (html_done - start) * 1000, (end - start) * 1000, len(pdf)

    with connection.execute_wrapper(_no_queries):
        render()  # warm-up: fonts, templates, translations
        runs = [render() for _ in range(args.runs)]

    html_ms = [run[0] for run in runs]
    total_ms = [run[1] for run in runs]
    print(f"conclusion letter, 3 parts with norms, advice in an annex ({runs[-1][2]:,} bytes PDF)")
    print(f"runs: {args.runs} after 1 warm-up")
    print(
        f"HTML + PDF/UA-1: median {statistics.median(total_ms):.0f} ms, "
        f"p95 {percentile(total_ms, 0.95):.0f} ms"
    )
    print(
        f"HTML alone:      median {statistics.median(html_ms):.1f} ms, "
        f"p95 {percentile(html_ms, 0.95):.1f} ms"
    )


if __name__ == "__main__":
    main()
