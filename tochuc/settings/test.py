"""Settings for the test suite: the same as production, with a fast hasher."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_COOKIES", "0")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

from tochuc.settings.base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
LANGUAGE_CODE = "vi"
# The daily jobs run in tests too: their anchors go to a scratch file, never to var/.
TOCHUC_AUDIT_ANCHORS = Path(tempfile.gettempdir()) / f"tochuc-test-anchors-{os.getpid()}.txt"
# Every test sees the database as it is, never a list kept from an earlier test.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
