"""The public feedback page under 50 concurrent senders, against a real server (PostgreSQL).

    createdb -h 127.0.0.1 -U postgres tochuc_bench_voices
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tochuc_bench_voices .venv/bin/python bench/voices_public_bench.py

Migrates and seeds the small demo tree, empties the rate limit's counter, then starts the
application with ``manage.py runserver --insecure --noreload`` (DEBUG off, threaded; the venv has no
other WSGI server) on a free port of 127.0.0.1 and sends it real HTTP:

- **distinct senders**: ``--senders`` (50) threads start together, each from its own loopback
  address (127.0.1.10, .11, …: the server sees each as another citizen). Each waits a while
  (``--think``, 2 s on average: reading and typing; 0 sends all at once), opens the form
  (``GET /gop-y/``, which sets the CSRF cookie), then posts it (``POST /gop-y/``) ``--sends`` times
  (6): the first five are accepted (200, the page with the tracking code), the sixth is refused
  with 429: the limit holds per address while 50 others send.
- **one address**: the same number of threads all from 127.0.0.2 at once, each posting once:
  exactly the limit (5) may pass, the rest get 429.

Timed: each POST from the client's side (connect, request, response read), the median and p95 per
scenario. Target: POST median < 100 ms under 50 concurrent senders. The load generator runs on the
same two cores as the server and PostgreSQL: the figures include that contention. Locust is not
among the project's dependencies; plain threads and ``http.client`` drive the same traffic. Every
request goes to 127.0.0.0/8 only, and the run stops by itself (bounded sends, timeouts).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tochuc.settings.base")

UNIT = "T01-X01"
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
TIMEOUT_S = 60


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else 0.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DEBUG": "0", "LOG_LEVEL": "WARNING"}
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--insecure", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("the server did not start within 60 s")


class Sender:
    """One citizen: a loopback source address, the CSRF cookie of the form it opened."""

    def __init__(self, port: int, address: str) -> None:
        self.port, self.address = port, address
        self.cookie = ""
        self.token = ""

    def _request(self, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes, float]:
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=TIMEOUT_S, source_address=(self.address, 0)
        )
        headers = {"Host": f"127.0.0.1:{self.port}"}
        if self.cookie:
            headers["Cookie"] = self.cookie
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
            elapsed = (time.perf_counter() - started) * 1000
            for name, value in response.getheaders():
                if name.lower() == "set-cookie" and value.startswith("csrftoken="):
                    self.cookie = value.split(";", 1)[0]
            return response.status, content, elapsed
        finally:
            connection.close()

    def open_form(self) -> float:
        status, content, elapsed = self._request("GET", "/gop-y/")
        found = TOKEN.search(content)
        if status != 200 or found is None:
            raise RuntimeError(f"form not served: {status}")
        self.token = found.group(1).decode()
        return elapsed

    def send(self, n: int) -> tuple[int, float]:
        body = urlencode(
            {
                "csrfmiddlewaretoken": self.token,
                "unit": UNIT,
                "kind": "organization",
                "content": f"Chi bộ thôn {n} không sinh hoạt định kỳ hai tháng nay ({self.address}).",
                "name": "",
                "contact": "",
                "website": "",
            }
        ).encode()
        status, _content, elapsed = self._request("POST", "/gop-y/", body)
        return status, elapsed


def run(port: int, addresses: list[str], sends: int, think: float = 0.0) -> dict[str, object]:
    start = threading.Barrier(len(addresses))
    lock = threading.Lock()
    posts: list[float] = []
    gets: list[float] = []
    statuses: dict[int, int] = {}
    per_sender: list[list[int]] = []
    errors: list[str] = []

    def citizen(address: str) -> None:
        sender = Sender(port, address)
        mine: list[int] = []
        try:
            start.wait(timeout=TIMEOUT_S)
            pause = random.Random(address)
            for n in range(sends):
                if think:
                    time.sleep(pause.uniform(0, 2 * think))  # reading, typing
                got = sender.open_form()
                status, elapsed = sender.send(n)
                with lock:
                    gets.append(got)
                    posts.append(elapsed)
                    statuses[status] = statuses.get(status, 0) + 1
                mine.append(status)
        except Exception as exc:  # reported in the results
            with lock:
                errors.append(f"{address}: {exc!r}")
        with lock:
            per_sender.append(mine)

    threads = [threading.Thread(target=citizen, args=(a,)) for a in addresses]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=TIMEOUT_S * (2 * sends + 2))
    wall = time.perf_counter() - started
    return {
        "senders": len(set(addresses)),
        "threads": len(addresses),
        "posts": len(posts),
        "post_median_ms": round(statistics.median(posts), 1) if posts else None,
        "post_p95_ms": round(percentile(posts, 0.95), 1),
        "form_get_median_ms": round(statistics.median(gets), 1) if gets else None,
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "posts_per_s": round(len(posts) / wall, 1),
        "senders_with_5_accepted_then_refused": sum(
            1 for s in per_sender if s[:5] == [200] * 5 and all(x == 429 for x in s[5:])
        ),
        "errors": errors[:5],
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--senders", type=int, default=50)
    parser.add_argument("--sends", type=int, default=6, help="posts per sender (the limit is 5)")
    parser.add_argument(
        "--think",
        type=float,
        default=2.0,
        help="mean seconds a sender spends before each send (0: all at once, a stress test)",
    )
    parser.add_argument(
        "--rounds", type=int, default=3, help="distinct-sender rounds (medians pooled per round)"
    )
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres") or "bench" not in url.rsplit("/", 1)[-1]:
        raise SystemExit(
            "Needs PostgreSQL and a database whose name contains 'bench' (its counters are emptied)."
        )
    if not 1 <= args.senders <= 200:
        raise SystemExit("--senders must be between 1 and 200")

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from tochuc.demo import province as unit_demo
    from tochuc.feedback.models import PublicSubmission

    call_command("migrate", verbosity=0)
    unit_demo.seed(scale="small")
    limit = int(settings.TOCHUC_FEEDBACK_RATE_LIMIT)

    port = free_port()
    server = start_server(port)
    rounds = []
    try:
        for round_no in range(args.rounds):
            PublicSubmission.objects.all().delete()
            addresses = [f"127.0.{1 + round_no}.{10 + i}" for i in range(args.senders)]
            rounds.append(run(port, addresses, args.sends, args.think))
        PublicSubmission.objects.all().delete()
        burst = run(port, ["127.0.0.2"] * args.senders, 1)
    finally:
        server.terminate()
        server.wait(timeout=30)
    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}",
        "load_average": os.getloadavg(),
        "server": "manage.py runserver --insecure --noreload (threaded), DEBUG off",
        "think_s": args.think,
        "rate_limit": f"{limit} per {settings.TOCHUC_FEEDBACK_RATE_WINDOW_SECONDS} s per address",
        "distinct_senders": rounds,
        "post_median_ms_of_rounds": [r["post_median_ms"] for r in rounds],
        "one_address_burst": burst,
        "one_address_accepted": burst["statuses"].get("200", 0),  # type: ignore[union-attr]
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"voices-public-{datetime.now(UTC):%Y%m%dT%H%M%S}.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2))
    print(json.dumps(report, ensure_ascii=False, indent=2))
    print(f"\nwritten to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
