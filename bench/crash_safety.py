"""Crash safety: writes through the API with an ``Idempotency-Key`` while the server is killed.

    .venv/bin/python bench/crash_safety.py [--seconds 60] [--kill-every 3]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tochuc_crash .venv/bin/python bench/crash_safety.py

On a fresh database (SQLite in a scratch folder unless ``DATABASE_URL`` is set; that database
must be new and empty) it creates a tree, a person and a specialist with an API token, starts
the server, and POSTs citizen-ID reveals (each one write: an audit event) with a new
``Idempotency-Key`` each, sent again and again until answered. Meanwhile the server gets
SIGKILL every few seconds and is started again. At the end every acknowledged request must
have written exactly one event (the event carries the request's ``X-Request-ID``, which is the
key), no unacknowledged key may have written more than one, and ``audit_verify`` must pass.
Exit 0 when all of that holds.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")

SETUP = """
import datetime as dt
from tochuc.accounts.models import Role, User
from tochuc.accounts.services import api_token_create, grant_role
from tochuc.orgunits.services import unit_create
from tochuc.people.services import person_create
centre = unit_create(actor=None, parent=None, code="TW", name="Ban Chấp hành Trung ương", kind="central")
province = unit_create(actor=None, parent=centre, code="T01", name="Đảng bộ tỉnh", kind="provincial")
person_create(actor=None, unit=province, code="P-1", values={
    "full_name": "Nguyễn Văn An", "birth_date": dt.date(1980, 5, 1), "gender": "male",
    "citizen_id": "042080012345"})
user = User.objects.create_user(username="crash", password="crash-test-pass")
grant_role(actor=None, user=user, role=Role.SPECIALIST, unit=province)
print(api_token_create(actor=None, user=user, name="crash")[1])
"""

COUNT = """
import json
from tochuc.audit.models import AuditEvent
rows = AuditEvent.objects.filter(action="person.reveal_citizen_id").values_list("request_id", flat=True)
counts = {}
for request_id in rows:
    counts[request_id] = counts.get(request_id, 0) + 1
print(json.dumps(counts))
"""


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, env: dict[str, str], port: int) -> None:
        self.env, self.port = env, port
        self.process: subprocess.Popen[bytes] | None = None
        self.kills = 0

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                PYTHON,
                "manage.py",
                "runserver",
                "--noreload",
                "--skip-checks",
                f"127.0.0.1:{self.port}",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def wait_up(self, timeout: float = 60.0) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return True
            except OSError:
                time.sleep(0.1)
        return False

    def kill(self) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()
            self.kills += 1

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait()


def post(port: int, token: str, key: str) -> int | None:
    body = json.dumps({"reason": "Kiểm tra an toàn khi máy chủ dừng đột ngột"}).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1/persons/P-1/reveal",
        data=body,
        method="POST",
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Idempotency-Key": key,
            "X-Request-ID": key,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--kill-every", type=float, default=3.0)
    options = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="tochuc-crash-"))
    env = dict(
        os.environ, DEBUG="1", TOCHUC_VAR_DIR=str(scratch), DJANGO_SETTINGS_MODULE="tochuc.settings.base"
    )
    env.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    try:
        for args in (["migrate", "--noinput", "-v0"], ["shell", "-c", SETUP]):
            done = manage(env, *args)
            if done.returncode != 0:
                print(done.stderr, file=sys.stderr)
                return 2
        token = done.stdout.strip().splitlines()[-1]
        server = Server(env, free_port())
        server.start()
        if not server.wait_up():
            print("the server did not start", file=sys.stderr)
            return 2
        stop = threading.Event()

        def killer() -> None:
            # Killed a random while after it is up again, so that some kills land mid-request.
            while server.wait_up() and not stop.wait(random.uniform(0.3, options.kill_every)):
                server.kill()
                server.start()

        threading.Thread(target=killer, daemon=True).start()
        acknowledged: list[str] = []
        sent: list[str] = []
        attempts = 0
        deadline = time.monotonic() + options.seconds
        number = 0
        while time.monotonic() < deadline:
            number += 1
            key = f"crash-{number:06d}"
            sent.append(key)
            while True:  # the same key until there is an answer
                attempts += 1
                status = post(server.port, token, key)
                if status is not None:
                    break
                time.sleep(0.05)
            if status == 200:
                acknowledged.append(key)
            else:
                print(f"{key}: answered {status}", file=sys.stderr)
        stop.set()
        server.stop()

        counts = json.loads(manage(env, "shell", "-c", COUNT).stdout.strip().splitlines()[-1])
        verify = manage(env, "audit_verify")
        twice = [k for k in sent if counts.get(k, 0) > 1]
        lost = [k for k in acknowledged if counts.get(k, 0) != 1]
        print(
            f"{len(acknowledged)} acknowledged of {len(sent)} keys, {attempts} requests, "
            f"{server.kills} kills; written twice: {len(twice)}; acknowledged but missing: {len(lost)}; "
            f"audit_verify: {verify.stdout.strip().splitlines()[0] if verify.stdout else verify.stderr.strip()}"
        )
        ok = not twice and not lost and verify.returncode == 0 and len(acknowledged) == len(sent)
        return 0 if ok and server.kills > 0 else 1
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
