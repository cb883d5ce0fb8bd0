"""Write the environment file ``make serve`` runs with, once (``python -m tochuc.core.serve_env PATH``).

The production stack on one machine, answering on 127.0.0.1 over plain HTTP: production mode with a
generated key, the static files served by the application, no HTTPS redirect or secure-only cookies
(a reverse proxy with TLS in front turns those back on; see the README, Production). Variables set in
the environment win over the file. Django is not imported: the file exists before settings are read.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

TEMPLATE = """\
# tochuc production settings for `make serve` (generated once; edit freely, the environment wins).
TOCHUC_PRODUCTION=1
SECRET_KEY={key}
ALLOWED_HOSTS=127.0.0.1,localhost
# Plain HTTP on this machine. Behind a TLS reverse proxy: BEHIND_PROXY=1 and remove the next three lines.
SECURE_SSL_REDIRECT=0
SECURE_COOKIES=0
SECURE_HSTS_SECONDS=0
# Static files with hashed names, served by the application (whitenoise).
TOCHUC_SERVE_STATIC=1
# DATABASE_URL=postgres://tochuc@127.0.0.1:5432/tochuc
"""


def write(path: Path) -> bool:
    """Create ``path`` with a new key, readable by its owner only; ``False`` if it already exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(TEMPLATE.format(key=secrets.token_urlsafe(50)))
    return True


def read(path: Path) -> dict[str, str]:
    """``KEY=VALUE`` lines of ``path`` (comments and blank lines skipped)."""
    values: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            values[key.strip()] = value.strip()
    return values


def load(path: Path) -> None:
    """Put the file's values into the environment, leaving the variables already set alone."""
    for key, value in read(path).items():
        os.environ.setdefault(key, value)


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "var/serve.env")
    print(f"{'Created' if write(target) else 'Kept'} {target}")
