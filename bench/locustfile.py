"""A day of a province's organization staff, as locust users against ``make serve``.

    make load-test                                   # prepares, then 20 users, zero think time, 90 s measured
    make load-test LOAD_USERS=200 LOAD_THINK=5-15 LOAD_MEASURE=120

Runs in its own venv (``bench/.venv``, ``bench/requirements.txt``), never the application's, and reads
what to open from ``bench/results/load_targets.json`` (written by ``bench/load_prepare.py``).

Each user signs in through the login form (CSRF token from the page, the real password check), then
does, in proportions a specialist's day might have: the unit tree and a unit's page, the subtree list,
unit search as typed; people search by name, the province's people list filtered, a person's record
and their 2C form (Word); the evaluation cycles, a unit's evaluations of the open cycle, one
evaluation, the rating analytics of the province and of a commune; the task dashboard and a task;
the structure report; and two harmless writes through their forms: a progress report on an open
task of the province (below 100 %, never final) and a draft self-review of an evaluation still at
that stage. Think time between requests: ``LOAD_THINK`` ("0" — what the server sustains — or
"5-15" seconds — what staff feel).

The users are locust's ``FastHttpUser`` (geventhttpclient): a lighter client than ``requests``, so
the load generator takes less of the machine's CPU from the server. The sign-in and the writes are
checked by their redirect (302 to the expected page, not followed), and the page they lead to is
then fetched as a request of its own, so each figure is one request.
"""

from __future__ import annotations

import json
import os
import random
import re
import time
from pathlib import Path
from typing import Any

import gevent
from locust import FastHttpUser, between, constant, events, task

TARGETS_FILE = Path(os.environ.get("LOAD_TARGETS", Path(__file__).parent / "results" / "load_targets.json"))
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CRITERION = re.compile(r'<input[^>]*name="(c_[^"]+)"[^>]*>')
MAX = re.compile(r'max="([0-9.]+)"')
PERCENT = re.compile(r'data-testid="task-percent">(\d+)%')


def _think() -> Any:
    spec = os.environ.get("LOAD_THINK", "0").strip()
    if spec in {"", "0"}:
        return constant(0)
    low, _, high = spec.partition("-")
    return between(float(low), float(high or low))


TARGETS: dict[str, Any] = {}
# The figures count from the moment every user has signed in (a password check is ~1 s of CPU on
# purpose; 200 of them would otherwise be most of a short run), for LOAD_MEASURE seconds.
MEASURE_SECONDS = float(os.environ.get("LOAD_MEASURE", "0") or 0)
_signed_in = 0
_cpu_start: tuple[float, float] | None = None
TICK = os.sysconf("SC_CLK_TCK")


def _server_cpu(host: str) -> float:
    """CPU seconds used so far by the gunicorn processes bound to ``host`` and by the PostgreSQL
    backends of the database served: what the requests cost, whatever else runs on the machine."""
    bind = "--bind " + host.split("://", 1)[-1].rstrip("/")
    backend = f" {TARGETS.get('database', '?')} "
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if ("gunicorn" in command and bind in command) or (
            command.startswith("postgres:") and backend in command
        ):
            total += (int(fields[11]) + int(fields[12])) / TICK  # utime + stime
    return total


@events.quitting.add_listener
def _report_cpu(environment: Any, **_: Any) -> None:
    if _cpu_start is None or environment.host is None:
        return
    cpu = _server_cpu(environment.host) - _cpu_start[0]
    wall = time.monotonic() - _cpu_start[1]
    requests = environment.stats.total.num_requests
    if requests and cpu > 0:  # no gunicorn bound to the host (e.g. the development server): no figure
        per_request = cpu / requests
        print(
            f"Server CPU (gunicorn + PostgreSQL backends) over {wall:.0f} s: {cpu:.1f} s for {requests} requests "
            f"= {per_request * 1000:.0f} ms a request, {cpu / wall:.2f} cores busy on average; "
            f"2 cores of its own would sustain ≈ {2 / per_request:.1f} requests/s. Load: {os.getloadavg()}",
            flush=True,
        )


@events.init.add_listener
def _load_targets(**_: Any) -> None:
    if not TARGETS_FILE.exists():
        raise SystemExit(f"{TARGETS_FILE} is missing: run bench/load_prepare.py first (make load-test does).")
    TARGETS.update(json.loads(TARGETS_FILE.read_text(encoding="utf-8")))


def _token(html: str) -> str:
    found = TOKEN.search(html)
    return found.group(1) if found else ""


def _percent(html: str) -> int:
    """The task's progress so far: a report never goes below the last one."""
    found = PERCENT.search(html)
    return int(found.group(1)) if found else 0


def _location(response: Any) -> str:
    """Where a 302 sends the browser ("" when the response is not a redirect)."""
    if response.status_code != 302 or response.headers is None:
        return ""
    return str(response.headers.get("Location") or response.headers.get("location") or "")


class Staff(FastHttpUser):
    """A specialist of the province, signed in once for the whole run."""

    wait_time = _think()

    def on_start(self) -> None:
        page = self.client.get("/accounts/login/", name="login form")
        with self.client.post(
            "/accounts/login/",
            data={
                "username": TARGETS["username"],
                "password": TARGETS["password"],
                "csrfmiddlewaretoken": _token(page.text),
            },
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            landing = _location(response)
            if not landing or "/accounts/login/" in landing:
                response.failure(f"login not accepted ({response.status_code})")
        if landing and "/accounts/login/" not in landing:
            self.client.get(landing, name="login: the page after signing in")
        global _signed_in
        _signed_in += 1
        runner = self.environment.runner
        if runner is not None and _signed_in == runner.target_user_count:
            print(f"All {_signed_in} users signed in: counting from now.", flush=True)
            self.environment.stats.reset_all()
            global _cpu_start
            _cpu_start = (_server_cpu(self.host), time.monotonic())
            if MEASURE_SECONDS > 0:
                gevent.spawn_later(MEASURE_SECONDS, runner.quit)

    def pick(self, key: str) -> Any:
        return random.choice(TARGETS[key])

    # --- the tree -------------------------------------------------------------------------------
    @task(3)
    def home(self) -> None:
        self.client.get("/", name="home")

    @task(2)
    def tree(self) -> None:
        self.client.get("/units/", name="units: tree")

    @task(2)
    def unit(self) -> None:
        code = self.pick(random.choice(["communes", "grassroots", "cells"]))
        self.client.get(f"/units/{code}/", name="units: a unit")

    @task(1)
    def subtree(self) -> None:
        page = random.choice(["", "?page=2", f"?page={random.randint(3, 120)}"])
        self.client.get(f"/units/{TARGETS['province']}/subtree/{page}", name="units: province subtree")

    @task(2)
    def unit_search(self) -> None:
        name = random.choice(["xa dien", "chi bo 1", "phuong", "dang uy"])
        self.client.get(
            f"/units/search/?q={name}", headers={"HX-Request": "true"}, name="units: search (htmx)"
        )

    # --- people ---------------------------------------------------------------------------------
    @task(4)
    def people_search(self) -> None:
        term = self.pick("search_terms")
        self.client.get("/people/", params={"q": term}, name="people: name search")

    @task(2)
    def people_list(self) -> None:
        params = random.choice(
            [
                {"unit": TARGETS["province"]},
                {"unit": self.pick("communes")},
                {"unit": self.pick("communes"), "gender": random.choice(["male", "female"])},
                {"unit": TARGETS["province"], "page": str(random.randint(2, 50))},
            ]
        )
        self.client.get("/people/", params=params, name="people: list of a unit")

    @task(3)
    def person(self) -> None:
        self.client.get(f"/people/{self.pick('people')}/", name="people: a person")

    @task(1)
    def person_2c(self) -> None:
        self.client.get(f"/people/{self.pick('people')}/2c.docx", name="people: 2C (docx)")

    # --- evaluations ----------------------------------------------------------------------------
    @task(1)
    def cycles(self) -> None:
        self.client.get("/evaluations/", name="evaluations: cycles")

    @task(1)
    def cycle_unit(self) -> None:
        code = self.pick(random.choice(["grassroots", "cells"]))
        self.client.get(
            f"/evaluations/cycles/{TARGETS['open_cycle']}/units/{code}/",
            name="evaluations: a unit's evaluations",
        )

    @task(2)
    def evaluation(self) -> None:
        self.client.get(f"/evaluations/{self.pick('evaluations')}/", name="evaluations: one evaluation")

    @task(1)
    def analytics_province(self) -> None:
        cycle = random.choice([TARGETS["open_cycle"], TARGETS["closed_cycle"]])
        self.client.get(
            "/evaluations/analytics/",
            params={"cycle": cycle, "unit": TARGETS["province"]},
            name="analytics: province",
        )

    @task(1)
    def analytics_commune(self) -> None:
        self.client.get(
            f"/evaluations/analytics/{TARGETS['open_cycle']}/{self.pick('communes')}/",
            name="analytics: a commune",
        )

    # --- tasks and reports ----------------------------------------------------------------------
    @task(2)
    def dashboard(self) -> None:
        params = random.choice(
            [
                {"unit": TARGETS["province"]},
                {"unit": TARGETS["province"], "status": "overdue"},
                {"unit": self.pick("communes")},
            ]
        )
        self.client.get("/directives/dashboard/", params=params, name="tasks: dashboard")

    @task(2)
    def task_page(self) -> None:
        self.client.get(f"/directives/tasks/{self.pick('open_tasks')}/", name="tasks: a task")

    @task(1)
    def structure(self) -> None:
        unit = random.choice([TARGETS["province"], self.pick("communes")])
        self.client.get("/reports/structure/", params={"unit": unit}, name="reports: structure")

    # --- writes, through their forms ------------------------------------------------------------
    @task(1)
    def progress_report(self) -> None:
        pk = self.pick("open_tasks")
        page = self.client.get(f"/directives/tasks/{pk}/", name="tasks: a task")
        with self.client.post(
            f"/directives/tasks/{pk}/progress/",
            data={
                "csrfmiddlewaretoken": _token(page.text),
                # Below 100: a report at 100 % completes the task, which then takes no more reports (404).
                "percent": str(min(99, _percent(page.text) + random.randint(0, 5))),
                "narrative": "Đã triển khai tới các chi bộ; tiếp tục theo dõi (báo cáo của bài thử tải).",
                "reported_on": "",
                "period_end": "",
            },
            name="write: progress report",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            accepted = _location(response).endswith(f"/directives/tasks/{pk}/")
            if not accepted:
                response.failure(f"progress report not accepted ({response.status_code})")
        if accepted:
            self.client.get(f"/directives/tasks/{pk}/", name="write: progress report, the task after")

    @task(1)
    def self_review(self) -> None:
        if not TARGETS["draft_evaluations"]:
            return
        pk = self.pick("draft_evaluations")
        page = self.client.get(f"/evaluations/{pk}/", name="evaluations: one evaluation")
        data = {
            "csrfmiddlewaretoken": _token(page.text),
            "self_review": "Ưu điểm: hoàn thành nhiệm vụ được giao. Hạn chế: cần chủ động hơn (bản nháp thử tải).",
            "evidence": "",
            "rating": "",
            "reason": "",
        }
        for found in CRITERION.finditer(page.text):
            top = MAX.search(found.group(0))
            data[found.group(1)] = str(round(float(top.group(1)) * 0.8, 1) if top else 1)
        with self.client.post(
            f"/evaluations/{pk}/self-review/",
            data=data,
            name="write: draft self-review",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            accepted = _location(response).endswith(f"/evaluations/{pk}/")
            if not accepted:
                response.failure(f"self-review not accepted ({response.status_code})")
        if accepted:
            self.client.get(f"/evaluations/{pk}/", name="write: draft self-review, the evaluation after")
