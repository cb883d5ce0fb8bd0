"""Settings for tochuc, read from the environment.

Two modes, decided by the environment alone:

- **production** when ``DEBUG`` is off and the environment names its host or key
  (``ALLOWED_HOSTS`` or ``SECRET_KEY`` set) or says so (``TOCHUC_PRODUCTION=1``):
  ``SECRET_KEY`` and ``ALLOWED_HOSTS`` are then required, and the defaults are the
  safe ones (secure cookies, HSTS, SSL redirect);
- **laptop** otherwise (nothing set, or ``DEBUG=1``): the secret key is generated
  once into ``var/secret_key`` (mode 0600) and kept, the database is the SQLite
  file under ``var/``, the site answers on 127.0.0.1 and localhost over plain HTTP.
"""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# An environment file (``make serve`` writes var/serve.env); the variables already set win over it.
if os.environ.get("TOCHUC_ENV_FILE"):
    from tochuc.core.serve_env import load as _load_env_file

    _load_env_file(Path(os.environ["TOCHUC_ENV_FILE"]))
VAR_DIR = Path(os.environ.get("TOCHUC_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def laptop_secret(path: Path) -> str:
    """The key kept in ``path``, created on first use (readable by its owner only)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _attempt in range(50):  # another process may be writing it right now
            key = path.read_text(encoding="ascii").strip()
            if key:
                return key
            time.sleep(0.02)
        raise ImproperlyConfigured(f"{path} is empty: delete it to have a new key generated.") from None
    key = secrets.token_urlsafe(50)
    with os.fdopen(descriptor, "w", encoding="ascii") as file:
        file.write(key + "\n")
    return key


DEBUG = env_bool("DEBUG", False)
PRODUCTION = not DEBUG and (
    env_bool("TOCHUC_PRODUCTION", False)
    or bool(os.environ.get("ALLOWED_HOSTS") or os.environ.get("SECRET_KEY"))
)
if DEBUG and env_bool("TOCHUC_PRODUCTION", False):
    raise ImproperlyConfigured("DEBUG must be off when TOCHUC_PRODUCTION is set.")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set in production (see the README, Production settings)."
        )
    SECRET_KEY = laptop_secret(VAR_DIR / "secret_key")

# Keys the hashes of sensitive values in audit summaries; kept out of the database.
AUDIT_HMAC_KEY = os.environ.get("AUDIT_HMAC_KEY", "") or SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must be set in production (see the README, Production settings)."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "tochuc.core",
    "tochuc.accounts",
    "tochuc.audit",
    "tochuc.orgunits",
    "tochuc.people",
    "tochuc.positions",
    "tochuc.evaluations",
    "tochuc.directives",
    "tochuc.figures",
    "tochuc.notifications",
    "tochuc.personnel",
    "tochuc.reports",
    "tochuc.home",
    "tochuc.schedule",
    "tochuc.api",
    "tochuc.demo",
    "tochuc.reviews",
    "tochuc.proposals",
    "tochuc.feedback",
    "tochuc.rewards",
    "tochuc.training",
    "tochuc.award",
    "tochuc.inspections",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "tochuc.core.middleware.RequestIdMiddleware",
    "tochuc.core.middleware.RefuseNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "tochuc.core.language.InterfaceLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "tochuc.accounts.middleware.OtpRequiredMiddleware",
    "tochuc.api.idempotency.IdempotencyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tochuc.urls"
WSGI_APPLICATION = "tochuc.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "tochuc" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tochuc.accounts.context_processors.scope",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    _db = dj_database_url.parse(DATABASE_URL)
    if _db["ENGINE"] == "django.db.backends.postgresql":
        # Django's own psycopg pool; persistent connections are then not allowed.
        _db["CONN_MAX_AGE"] = 0
        # On a small server the JIT and parallel workers cost more than they give to these short
        # queries (measured: 12.5 → 15.1 requests/s on 2 cores with both off).
        _db.setdefault("OPTIONS", {})["options"] = os.environ.get(
            "DATABASE_PG_OPTIONS", "-c jit=off -c max_parallel_workers_per_gather=0"
        )
        if env_bool("DATABASE_POOL", True):
            _db.setdefault("OPTIONS", {})["pool"] = {
                "min_size": int(os.environ.get("DATABASE_POOL_MIN", "1")),
                "max_size": int(os.environ.get("DATABASE_POOL_MAX", "10")),
            }
else:
    _db = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(VAR_DIR / "tochuc.sqlite3"),
        # IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue
        # instead of failing half-way; the audit chain relies on that order.
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }
DATABASES = {"default": _db}
# A streaming read replica: reads go there, writes and reads after a write stay on the primary
# (tochuc/core/db_router.py). Parsed and pooled like the primary.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    _replica = dj_database_url.parse(DATABASE_REPLICA_URL)
    if _replica["ENGINE"] == _db["ENGINE"]:
        _replica["CONN_MAX_AGE"] = _db.get("CONN_MAX_AGE", 0)
        _replica["OPTIONS"] = {**_db.get("OPTIONS", {})}
    _replica["TEST"] = {"MIRROR": "default"}
    DATABASES["replica"] = _replica
    DATABASE_ROUTERS = ["tochuc.core.db_router.ReplicaRouter"]
    MIDDLEWARE.insert(0, "tochuc.core.db_router.PrimaryPinMiddleware")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth -----------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# Behind the proxy, the client is the address the proxy appended (tochuc.core.addresses).
AXES_CLIENT_IP_CALLABLE = "tochuc.core.addresses.client_address"

OTP_TOTP_ISSUER = "tochuc"
# Roles whose holders must confirm a TOTP code after the password.
TOCHUC_OTP_REQUIRED_ROLES = env_list("TOCHUC_OTP_REQUIRED_ROLES")

# --- Security -------------------------------------------------------------
SECURE_COOKIES = env_bool("SECURE_COOKIES", PRODUCTION)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000" if PRODUCTION else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", PRODUCTION)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

# --- Language and time ----------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "tochuc" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["tochuc.formats"]

# --- Static files ---------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "tochuc" / "static"]
# The application serves its own static files (hashed names, compressed) when no web server does:
# `make serve` sets it after `collectstatic`.
SERVE_STATIC = env_bool("TOCHUC_SERVE_STATIC", False)
if SERVE_STATIC:
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
        "whitenoise.middleware.WhiteNoiseMiddleware",
    )
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }

# --- Background work ------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Commands the worker (``manage.py run_worker``) queues once a day; others may join the list.
TOCHUC_DAILY_COMMANDS = env_list(
    "TOCHUC_DAILY_COMMANDS",
    "directive_reminders,directive_escalations,personnel_reminders,audit_anchor,review_reminders,"
    "voices_escalations,voices_reminders",
)

# Functions the worker's scheduler runs about once a minute (see tochuc.schedule.jobs).
TOCHUC_MINUTE_JOBS = env_list("TOCHUC_MINUTE_JOBS", "tochuc.directives.counts.refresh_if_due")
# Task statuses of the units at this depth or above (0 the Centre, 1 the provinces) are counted by the
# worker each minute; pages read a counting this many seconds old at most (0: always count live).
TOCHUC_TASK_COUNTS_DEPTH = int(os.environ.get("TOCHUC_TASK_COUNTS_DEPTH", "1"))
TOCHUC_TASK_COUNTS_MAX_AGE = int(os.environ.get("TOCHUC_TASK_COUNTS_MAX_AGE", "120"))

# --- Logging: never log request bodies (citizen IDs travel in them) --------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

TOCHUC_PAGE_SIZE = 50

# Every uploaded Word or Excel file is checked as an archive before it is parsed (decompression bombs):
# entries, declared uncompressed size (all together, and one part read whole), compression ratio.
TOCHUC_ARCHIVE_MAX_ENTRIES = int(os.environ.get("TOCHUC_ARCHIVE_MAX_ENTRIES", "500"))
TOCHUC_ARCHIVE_MAX_TOTAL = int(os.environ.get("TOCHUC_ARCHIVE_MAX_TOTAL", str(1024 * 1024 * 1024)))
TOCHUC_ARCHIVE_MAX_PART = int(os.environ.get("TOCHUC_ARCHIVE_MAX_PART", str(256 * 1024 * 1024)))
TOCHUC_ARCHIVE_MAX_DOCUMENT_PART = int(
    os.environ.get("TOCHUC_ARCHIVE_MAX_DOCUMENT_PART", str(16 * 1024 * 1024))
)
TOCHUC_ARCHIVE_MAX_RATIO = int(os.environ.get("TOCHUC_ARCHIVE_MAX_RATIO", "200"))

# E-mail copies of notifications go out only when an e-mail host is configured.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "tochuc@localhost")
# The address of the site, for full links in e-mails ("https://tochuc.example.vn").
TOCHUC_BASE_URL = os.environ.get("TOCHUC_BASE_URL", "")
# Days before a task deadline when the lead unit is reminded; days before it when a task is "at risk".
# The home page's overview of a scope (members, ratings, tasks of the whole subtree) is counted at most
# once per this many seconds for each unit and scope, and says when it was counted (0: every view).
TOCHUC_OVERVIEW_CACHE_SECONDS = int(
    os.environ.get("TOCHUC_OVERVIEW_CACHE_SECONDS", "60" if PRODUCTION else "0")
)
TOCHUC_REMINDER_DAYS = int(os.environ.get("TOCHUC_REMINDER_DAYS", "7"))
# Notifications one user receives a day one by one; beyond that, one digest per kind says how many
# (e.g. "217.659 nhiệm vụ đồng chí phụ trách đã quá hạn"). 0: no limit.
TOCHUC_NOTICES_PER_USER = int(os.environ.get("TOCHUC_NOTICES_PER_USER", "30"))
TOCHUC_TASK_AT_RISK_DAYS = int(os.environ.get("TOCHUC_TASK_AT_RISK_DAYS", "14"))
# Where ``audit_anchor`` appends the head of the audit chain: outside the database, ideally on
# another disk or machine (an append-only share), so that cutting or rewriting the chain shows.
TOCHUC_AUDIT_ANCHORS = Path(os.environ.get("TOCHUC_AUDIT_ANCHORS", VAR_DIR / "audit-anchors.txt"))

# Citizens' feedback page: at most this many submissions per address in the window (seconds),
# a few small files each.
TOCHUC_FEEDBACK_RATE_LIMIT = int(os.environ.get("TOCHUC_FEEDBACK_RATE_LIMIT", "5"))
TOCHUC_FEEDBACK_RATE_WINDOW_SECONDS = int(os.environ.get("TOCHUC_FEEDBACK_RATE_WINDOW_SECONDS", "600"))
TOCHUC_FEEDBACK_MAX_FILES = int(os.environ.get("TOCHUC_FEEDBACK_MAX_FILES", "3"))
TOCHUC_FEEDBACK_MAX_FILE_BYTES = int(os.environ.get("TOCHUC_FEEDBACK_MAX_FILE_BYTES", str(5 * 1024 * 1024)))

# Files attached to a unit's review report: at most this many per report, each at most this size.
TOCHUC_REVIEW_MAX_FILES = int(os.environ.get("TOCHUC_REVIEW_MAX_FILES", "5"))
TOCHUC_REVIEW_MAX_FILE_BYTES = int(os.environ.get("TOCHUC_REVIEW_MAX_FILE_BYTES", str(10 * 1024 * 1024)))
TOCHUC_PROPOSAL_MAX_FILES = int(os.environ.get("TOCHUC_PROPOSAL_MAX_FILES", "5"))
TOCHUC_PROPOSAL_MAX_FILE_BYTES = int(os.environ.get("TOCHUC_PROPOSAL_MAX_FILE_BYTES", str(10 * 1024 * 1024)))
