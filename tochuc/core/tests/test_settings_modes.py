"""Laptop and production settings, each read in a fresh process with only the variables given."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

from django.conf import settings

BASE = Path(settings.BASE_DIR)
SHOW = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'debug': s.DEBUG, 'production': s.PRODUCTION, 'key': s.SECRET_KEY, "
    "'hosts': s.ALLOWED_HOSTS, 'db': str(s.DATABASES['default']['NAME']), "
    "'secure': [s.SESSION_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS]}))"
)


def run(args: list[str], var: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``args`` as typed in a new shell: no variable of this test run leaks in."""
    clean = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(var.parent),
        "TOCHUC_VAR_DIR": str(var),
    }
    return subprocess.run(
        [sys.executable, *args], cwd=BASE, env={**clean, **env}, capture_output=True, text=True, timeout=120
    )


def show(var: Path, **env: str) -> dict[str, object]:
    done = run(["-c", SHOW], var, DJANGO_SETTINGS_MODULE="tochuc.settings.base", **env)
    assert done.returncode == 0, done.stderr
    shown: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return shown


def test_laptop_mode_keeps_a_generated_secret_under_var(tmp_path):
    var = tmp_path / "var"
    first = show(var)
    again = show(var)

    secret = var / "secret_key"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert first["key"] == again["key"] == secret.read_text().strip()
    assert len(str(first["key"])) >= 50
    assert first["debug"] is False and first["production"] is False
    assert first["hosts"] == ["127.0.0.1", "localhost"]
    assert first["db"] == str(var / "tochuc.sqlite3")
    assert first["secure"] == [False, False, 0]  # plain HTTP on 127.0.0.1


def test_readme_commands_work_in_a_fresh_shell(tmp_path):
    var = tmp_path / "var"
    tally = run(
        [
            "manage.py",
            "ballot_tally",
            "--convened",
            "25",
            "--present",
            "20",
            "--seats",
            "1",
            "--votes",
            "Name A=16,Name B=9",
        ],
        var,
    )
    assert tally.returncode == 0, tally.stderr
    assert "Name A" in tally.stdout
    assert run(["manage.py", "migrate", "--noinput", "-v", "0"], var).returncode == 0
    reminders = run(["manage.py", "directive_reminders"], var)
    assert reminders.returncode == 0, reminders.stderr
    assert "thông báo mới" in reminders.stdout


def test_production_refuses_to_start_without_its_settings(tmp_path):
    var = tmp_path / "var"
    no_key = run(["manage.py", "check"], var, ALLOWED_HOSTS="tochuc.example.vn")
    assert no_key.returncode != 0
    assert "SECRET_KEY must be set in production" in no_key.stderr

    no_hosts = run(["manage.py", "check"], var, TOCHUC_PRODUCTION="1", SECRET_KEY="k" * 60)
    assert no_hosts.returncode != 0
    assert "ALLOWED_HOSTS must be set in production" in no_hosts.stderr

    debug = run(["manage.py", "check"], var, TOCHUC_PRODUCTION="1", DEBUG="1")
    assert debug.returncode != 0
    assert "DEBUG must be off" in debug.stderr
    assert not (var / "secret_key").exists()


def test_production_with_its_settings_is_secure_by_default(tmp_path):
    var = tmp_path / "var"
    shown = show(var, SECRET_KEY="k" * 60, ALLOWED_HOSTS="tochuc.example.vn")
    assert shown["production"] is True
    assert shown["key"] == "k" * 60
    assert shown["secure"] == [True, True, 31536000]
    assert not (var / "secret_key").exists()


def test_an_environment_file_gives_production_settings_and_the_environment_wins(tmp_path):
    from tochuc.core.serve_env import write

    env_file = tmp_path / "serve.env"
    assert write(env_file) and not write(env_file)  # written once, then kept
    assert stat.S_IMODE(env_file.stat().st_mode) == 0o600
    shown = show(tmp_path / "var", TOCHUC_ENV_FILE=str(env_file))
    assert shown["production"] is True and shown["debug"] is False
    assert shown["hosts"] == ["127.0.0.1", "localhost"]
    assert shown["secure"] == [False, False, 0]  # plain HTTP on this machine, as the file says
    assert len(str(shown["key"])) >= 50 and not (tmp_path / "var" / "secret_key").exists()
    overridden = show(tmp_path / "var", TOCHUC_ENV_FILE=str(env_file), ALLOWED_HOSTS="tochuc.example.vn")
    assert overridden["hosts"] == ["tochuc.example.vn"]
