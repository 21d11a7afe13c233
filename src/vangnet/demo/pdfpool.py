"""Letter PDFs rendered in worker processes while the demo generator goes on.

The demo sends about a thousand letters, each rendered to an accessible PDF with
WeasyPrint (about 0.15-0.25 s of CPU a letter, most of the demo's time). Every letter
is different, so nothing can be rendered once and reused. What can be done: render them
on the machine's other cores while the main process carries on with the database work.

`PdfPool.deferring()` puts a stand-in for `vangnet.letters.rendering.render_pdf` in
place: it hands the HTML to a worker process and returns a short placeholder, which the
letter service stores as the letter's file as usual. `finish()` waits for the workers
and writes each real PDF over its placeholder, under the same file name (the outbox
message's attachment shares that file). The content is what the letter service would
have rendered itself: the same function on the same HTML, only elsewhere and a little
later. Only the demo uses this, inside its one transaction; if anything fails, the
whole load fails.

Workers are forked (they need nothing but WeasyPrint and never touch the database; a
forked worker ends with `os._exit`, so the parent's database connection is left alone).
Where fork is not available, or on a single core, letters render in-line as usual.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager

from django.core.files.base import ContentFile

# The letter service's renderer itself, taken before `deferring` replaces the module's
# attribute (a forked worker inherits the replacement).
from vangnet.letters.rendering import render_pdf as _render_pdf

#: Seconds to wait for one letter's PDF before giving up (a stuck worker fails the load).
RESULT_TIMEOUT = 600
#: What a letter's file holds until its PDF is written.
PLACEHOLDER = b"%PDF-vangnet-demo-pending-"


def _render(html: str, attachments: list) -> bytes:
    """In the worker: the letter service's own renderer."""
    return _render_pdf(html, attachments)


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


class PdfPool:
    def __init__(self, workers: int | None = None) -> None:
        self.workers = default_workers() if workers is None else workers
        self.futures: dict[bytes, Future] = {}
        self.executor: ProcessPoolExecutor | None = None

    @property
    def enabled(self) -> bool:
        return self.workers >= 2 and "fork" in multiprocessing.get_all_start_methods()

    @contextmanager
    def deferring(self):
        """While inside, letter PDFs are rendered by the workers (see the module)."""
        from vangnet.letters import rendering

        if not self.enabled:
            yield self
            return
        self.executor = ProcessPoolExecutor(
            max_workers=self.workers, mp_context=multiprocessing.get_context("fork")
        )
        original = rendering.render_pdf

        def deferred(html: str, attachments=()) -> bytes:
            key = PLACEHOLDER + str(len(self.futures)).encode()
            self.futures[key] = self.executor.submit(_render, html, list(attachments))
            return key

        rendering.render_pdf = deferred
        try:
            yield self
        except BaseException:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = None
            raise
        finally:
            rendering.render_pdf = original

    def finish(self, letters) -> int:
        """Write the real PDF of every letter in `letters` still holding a placeholder.
        Returns how many were written."""
        if self.executor is None:
            return 0
        written = 0
        try:
            for letter in letters:
                storage, name = letter.pdf.storage, letter.pdf.name
                with storage.open(name, "rb") as stored:
                    key = stored.read(len(PLACEHOLDER) + 12)
                future = self.futures.get(key)
                if future is None:
                    continue
                pdf = future.result(timeout=RESULT_TIMEOUT)
                storage.delete(name)
                saved = storage.save(name, ContentFile(pdf))
                if saved != name:  # pragma: no cover - another file took the name
                    raise RuntimeError(f"Letter PDF {name} was stored as {saved}")
                written += 1
            if written != len(self.futures):  # pragma: no cover
                raise RuntimeError(f"{len(self.futures) - written} letter PDFs not written")
        finally:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None
        return written
