"""Bytes a resident's browser transfers on a first visit, and the server time per page.

Starts Vangnet as in production (DEBUG off, gunicorn, WhiteNoise with pre-compressed
static files, gzip) on a scratch SQLite database with the demo municipality, then for
each page fetches the HTML and everything it links (stylesheets, scripts, images,
icons, fonts referenced from CSS) with `Accept-Encoding: gzip`, as a browser with an
empty cache does, and adds up the bytes on the wire. The budget is 80 KB per first
visit.

    .venv/bin/python bench/page_weight.py            # start a server of its own
    .venv/bin/python bench/page_weight.py --url http://127.0.0.1:8000   # measure a running one
"""

import argparse
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PAGES = {
    "klachtenwijzer": "/",
    "klachtformulier": "/klacht-indienen/",
}
BUDGET = 80 * 1024


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if (
            tag == "link"
            and a.get("href")
            and (
                {"stylesheet", "icon", "preload", "modulepreload"}
                & set((a.get("rel") or "").split())
            )
        ):
            self.urls.append(a["href"])
        elif tag in ("script", "img", "source") and a.get("src"):
            self.urls.append(a["src"])


def fetch(url: str) -> tuple[int, bytes, float]:
    """(bytes on the wire, body as received, seconds)."""
    request = urllib.request.Request(
        url, headers={"Accept-Encoding": "gzip", "User-Agent": "vangnet-bench"}
    )
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
        encoding = response.headers.get("Content-Encoding", "")
    seconds = time.perf_counter() - start
    return len(body), (_gunzip(body) if encoding == "gzip" else body), seconds


def _gunzip(data: bytes) -> bytes:
    import gzip

    return gzip.decompress(data)


def css_urls(css: str) -> list[str]:
    return [
        u.strip("'\"")
        for u in re.findall(r"url\(([^)]+)\)", css)
        if not u.strip("'\"").startswith("data:")
    ]


def first_visit(base: str, path: str) -> dict:
    seen: dict[str, int] = {}
    wire, html, _ = fetch(urljoin(base, path))
    seen[path] = wire
    parser = Links()
    parser.feed(html.decode("utf-8", "replace"))
    queue = [urljoin(base + path, u) for u in parser.urls]
    while queue:
        url = queue.pop(0)
        if url in seen or urlparse(url).netloc != urlparse(base).netloc:
            continue
        size, body, _ = fetch(url)
        seen[url] = size
        if url.split("?")[0].endswith(".css"):
            queue.extend(urljoin(url, u) for u in css_urls(body.decode("utf-8", "replace")))
    return seen


def server_times(base: str, path: str, runs: int) -> tuple[float, float]:
    times = sorted(fetch(urljoin(base, path))[2] * 1000 for _ in range(runs))
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server() -> tuple[str, subprocess.Popen, Path]:
    data = Path(tempfile.mkdtemp(prefix="vangnet-weight-"))
    env = {
        **os.environ,
        "VANGNET_DEBUG": "false",
        "VANGNET_SECRET_KEY": secrets.token_urlsafe(40),
        "VANGNET_DATA_DIR": str(data),
        "DATABASE_URL": f"sqlite:///{data / 'db.sqlite3'}",
        "VANGNET_SECURE_COOKIES": "false",
        "PYTHONPATH": str(ROOT / "src"),
    }
    for command in (
        ["migrate", "--no-input", "-v0"],
        ["load_demo", "--complaints", "0"],
        ["collectstatic", "--no-input", "-v0"],
    ):
        subprocess.run([PY, "-m", "vangnet", *command], env=env, check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen(
        [PY, "-m", "gunicorn", "vangnet.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            fetch(base + "/")
            break
        except OSError:
            time.sleep(0.2)
    return base, server, data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="measure a server that is already running")
    parser.add_argument("--runs", type=int, default=30, help="requests per page for timing")
    args = parser.parse_args()
    server = None
    base = args.url.rstrip("/") if args.url else None
    if base is None:
        base, server, _data = start_server()
    try:
        over = 0
        print(f"First visit, bytes on the wire (gzip), against {base}; budget {BUDGET // 1024} KB")
        for name, path in PAGES.items():
            resources = first_visit(base, path)
            total = sum(resources.values())
            median, p95 = server_times(base, path, args.runs)
            verdict = "within budget" if total <= BUDGET else "OVER BUDGET"
            over += total > BUDGET
            print(
                f"\n{name} ({path}): {total / 1024:.1f} KB in {len(resources)} requests, "
                f"{verdict}; server time median {median:.1f} ms, p95 {p95:.1f} ms"
            )
            for url, size in sorted(resources.items(), key=lambda item: -item[1]):
                print(f"  {size / 1024:7.1f} KB  {urlparse(url).path}")
        return 1 if over else 0
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
