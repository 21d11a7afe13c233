"""Letter PDFs for the demo, rendered on the machine's other cores.

The demo sends about a thousand letters. A letter's PDF is made after the step that sent
it (`vangnet.letters.pdfs`: a background task, on commit). The demo runs in one
transaction and wants its letters complete when it is loaded, so after the steps it
makes the PDFs itself: each letter's HTML (and embedded advice file) goes to a forked
worker that runs `rendering.render_pdf`, and the main process stores the result with
`pdfs.store_pdf`, as the task would. The tasks enqueued on commit then find the PDFs
made and do nothing. Workers never touch the database (a forked worker ends with
`os._exit`, leaving the parent's connection alone). Where fork is not available, or on
a single core, the PDFs are made in-line (`pdfs.make_pdf`).
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

from vangnet.letters import pdfs, rendering

#: Seconds to wait for one letter's PDF before giving up (a stuck worker fails the load).
RESULT_TIMEOUT = 600


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


class PdfPool:
    def __init__(self, workers: int | None = None) -> None:
        self.workers = default_workers() if workers is None else workers

    @property
    def enabled(self) -> bool:
        return self.workers >= 2 and "fork" in multiprocessing.get_all_start_methods()

    def make_pdfs(self, letters) -> int:
        """Make and store the PDF of every letter in `letters` (a queryset of letters
        without PDF). Returns how many were stored."""
        letters = list(letters.select_related("advice_file"))
        if not self.enabled:
            return sum(pdfs.make_pdf(letter.pk) == pdfs.MADE for letter in letters)
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=self.workers, mp_context=context) as executor:
            futures = [
                (
                    letter.pk,
                    executor.submit(
                        rendering.render_pdf, letter.html, pdfs.embedded_files(letter.advice_file)
                    ),
                )
                for letter in letters
            ]
            stored = 0
            for letter_id, future in futures:
                stored += (
                    pdfs.store_pdf(letter_id, future.result(timeout=RESULT_TIMEOUT)) == pdfs.MADE
                )
        if stored != len(letters):  # pragma: no cover
            raise RuntimeError(f"{len(letters) - stored} letter PDFs not stored")
        return stored
