"""Settings, read from the environment.

DATABASE_URL          database (default: SQLite file var/db.sqlite3 in the project)
DJANGO_SECRET_KEY     required unless DJANGO_DEBUG=1
DJANGO_DEBUG          1/true/yes for development (default off)
DJANGO_ALLOWED_HOSTS  comma-separated host names (default: localhost names when debugging)
DJANGO_CSRF_TRUSTED_ORIGINS  comma-separated origins, e.g. https://ccwg.example.org
DJANGO_SECURE_SSL_REDIRECT   0 to let a proxy handle the redirect to HTTPS (default 1 in production)
DJANGO_SECURE_PROXY_SSL_HEADER  1 when behind a proxy that sets X-Forwarded-Proto
DJANGO_DB_CONN_MAX_AGE       seconds to keep database connections (default 60)
DJANGO_EMAIL_BACKEND  e-mail backend (default: the console when debugging, else SMTP)
DJANGO_EMAIL_HOST, DJANGO_EMAIL_PORT, DJANGO_EMAIL_HOST_USER, DJANGO_EMAIL_HOST_PASSWORD,
DJANGO_EMAIL_USE_TLS  the SMTP server password-reset mails go through
DJANGO_DEFAULT_FROM_EMAIL    sender of those mails
"""

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random value, "
            "or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "django-insecure-local-development-only-key-not-for-production-use"

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "ccwg.admin_site.CcwgAdminConfig",  # django.contrib.admin with the staff's index
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "ccwg.core",
    "meetings",
    "engagements",
    "reports",
    "ccwg.sample",
    "ccwg.members",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Unmatched paths under /api/ answer a JSON 404, as the schema says (issue 12).
    "ccwg.rest.middleware.ApiNotFoundMiddleware",
]

ROOT_URLCONF = "ccwg.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "ccwg.wsgi.application"

if not os.environ.get("DATABASE_URL"):
    (BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve app static files without collectstatic in development and tests.
WHITENOISE_USE_FINDERS = True

# The members' site signs in on its own pages (the admin keeps its login for staff).
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = None  # show registration/logged_out.html

# Password-reset mails: printed on the console while developing, SMTP in production.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "ccwg <noreply@localhost>")

REST_FRAMEWORK = {
    # Token first: its WWW-Authenticate header makes anonymous requests answer 401.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Anonymous: published reports only (401 elsewhere); members read; staff write.
    "DEFAULT_PERMISSION_CLASSES": ["ccwg.rest.permissions.ReadMembersWriteStaff"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PARSER_CLASSES": ["ccwg.rest.errors.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "ccwg.rest.renderers.BrowsableAPIRenderer",
    ],
    "EXCEPTION_HANDLER": "ccwg.rest.errors.exception_handler",
    # Every status each operation can answer, and the rules the server checks (issue 12).
    "DEFAULT_SCHEMA_CLASS": "ccwg.rest.schema.RecordAutoSchema",
    # OPTIONS: DRF's field description, bounded where a serializer nests itself (issue 12).
    "DEFAULT_METADATA_CLASS": "ccwg.rest.metadata.BoundedMetadata",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "DATETIME_FORMAT": "iso-8601",
    "DATE_FORMAT": "iso-8601",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "ccwg API",
    "DESCRIPTION": (
        "Records of ICANN cross-community working groups and their annual reports.\n\n"
        "**Authentication**: `Authorization: Token <key>` (`manage.py drf_create_token "
        "<username>`) or the browser session. Anonymous clients read published reports "
        "only (401 elsewhere); members read everything (403 on writes); staff write.\n\n"
        "**Relations** to groups, organizations and ICANN meetings are written and read by "
        "their natural key (`acronym`, `number`); other relations by `id`. Every resource "
        "returns its `id` and its API `url`, except external events and processes, whose "
        "`url` is their own web page: their API address is `api_url`.\n\n"
        "**Meetings** are written and read whole: each nested list given (`agenda`, "
        "`speakers`, `outcomes`, `statements`, `links`, `actions`, `attendance`) replaces "
        "what the meeting had, in one transaction; a list left out is kept. With attendance "
        "listed person by person, `members_present` and `total_present` are derived: a "
        "different value is rejected with 400.\n\n"
        '**Errors**: invalid input answers 400 with `{"field": ["message", ...]}` (nested '
        'places are named in the message, 1-based: `"item 1 > children > item 2 > title: '
        '..."`; rules about the record as a whole under `non_field_errors`). Deleting a '
        "record other records still refer to, or changing a published report, answers 409 "
        'with `{"detail": "..."}`.\n\n'
        "**Lists** are paginated (`?page=`, `?page_size=` up to 200) and filtered with the "
        "query parameters each list documents; an invalid filter value answers 400."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "OrganizationKindEnum": "ccwg.core.models.OrganizationKind",
        "WorkingGroupKindEnum": "ccwg.core.models.WorkingGroupKind",
        "DatePrecisionEnum": "ccwg.core.models.DatePrecision",
        "LinkKindEnum": "ccwg.core.models.LinkKind",
        "IcannMeetingFormatEnum": "ccwg.core.models.IcannMeetingFormat",
        "MeetingKindEnum": "meetings.models.MeetingKind",
        "MeetingStatusEnum": "meetings.models.MeetingStatus",
        "ActionStatusEnum": "meetings.models.ActionStatus",
        "InputChannelEnum": "engagements.models.InputChannel",
        "ReportStatusEnum": "reports.models.ReportStatus",
    },
}

# Production hardening: on unless debugging.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = 0 if DEBUG else int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Performance and several app servers (issue #11; docs/deploy.md, docs/performance.md) ---
# Rendered drafts are cached (reports.draft_cache) in the database cache, which every app server
# shares; its table is made by a migration (reports 0002) and by `createcachetable`, which
# `make run`, `make serve` and the test database run too.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "ccwg_cache",
        "TIMEOUT": 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("DJANGO_CACHE_MAX_ENTRIES", "3000"))},
    },
    # Each process's copy of what it read from the shared cache (ccwg/core/output_cache.py: the
    # keys hold the records' fingerprint, so a copy is never stale).
    "local": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "ccwg-local",
        "TIMEOUT": 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("DJANGO_LOCAL_CACHE_MAX_ENTRIES", "200"))},
    },
    # The sessions, read through this cache (SESSION_ENGINE below); a table of their own, so
    # the churn of cached pages never culls a session's copy. Each entry is kept as long as
    # its session lasts.
    "sessions": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "ccwg_sessions",
        "OPTIONS": {
            "MAX_ENTRIES": int(os.environ.get("DJANGO_SESSION_CACHE_MAX_ENTRIES", "20000"))
        },
    },
}
# `manage.py generate_synthetic_data`: records at any volume for bench/ and load runs.
INSTALLED_APPS += ["ccwg.synthetic"]
# No state on an app server's disk: sessions in the database, read through the shared
# "sessions" cache (`cached_db`: a signed-in request reads its session with one plain cache
# lookup instead of an ORM query; every write goes to both), published documents in the
# database, static files collected at deploy.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_CACHE_ALIAS = "sessions"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
if not DEBUG:
    # Hashed names (app.3f2a1c.css), cached for a year by browsers; `collectstatic` (run by
    # `make serve`) writes them and their manifest.
    STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"
# --- Security: CSP, sign-in lock-out, API throttles, sessions (issue #10) -------------------
# Content-Security-Policy (django-csp 4): same-origin only, no inline script or style anywhere
# (our templates load static files; the API docs use split views and our own templates). The
# report's standalone HTML download replaces style-src with the hash of its one <style> block
# (reports.views). CSPMiddleware only adds a header, so it sits right after SecurityMiddleware.
INSTALLED_APPS += ["csp", "axes"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "ccwg.site.csp.ContentSecurityPolicyMiddleware",  # django-csp's, policy built once
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Sign-in lock-out (django-axes): after DJANGO_AXES_FAILURE_LIMIT failed logins for one
# username, or from one address, further attempts are refused for DJANGO_AXES_COOLOFF_MINUTES
# (the members' login, the admin's and the API's token endpoint alike). AxesMiddleware turns
# the refusal into ccwg.members.lockout (an HTML page, or JSON under /api/); it goes last, as
# axes asks, so it sees the flag the login view's authenticate() call set.
# Unlock: manage.py axes_reset_username <name> / axes_reset_ip <address> (README "Security").
AUTHENTICATION_BACKENDS = [
    "ccwg.members.backends.LockoutBackend",  # axes, for requests
    "django.contrib.auth.backends.ModelBackend",
]
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=float(os.environ.get("DJANGO_AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # per account, and per address
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "ccwg.members.lockout.lockout_response"
AXES_ENABLE_ADMIN = False  # read-only logs with no add page: the unlock commands do the work
AXES_IPWARE_PROXY_COUNT = 1 if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER") else None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER")
    else ("REMOTE_ADDR",)
)
# API throttles (DRF): per address for anonymous clients, per user for logged-in ones, and a
# tighter scope for the token endpoint. Over the rate: 429 {"detail"} with Retry-After.
_throttles: dict[str, Any] = {
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("DJANGO_API_THROTTLE_ANON", "60/minute"),
        "user": os.environ.get("DJANGO_API_THROTTLE_USER", "600/minute"),
        "token": os.environ.get("DJANGO_API_THROTTLE_TOKEN", "10/minute"),
    },
}
REST_FRAMEWORK.update(_throttles)
# Sessions: end when the browser closes, and at the latest DJANGO_SESSION_COOKIE_AGE seconds
# after signing in (not renewed per request: that would write the session on every request).
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_COOKIE_AGE", str(8 * 60 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("DJANGO_SESSION_EXPIRE_AT_BROWSER_CLOSE", True)
# --- end of the security block ------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# --- Integrity and faults (issue 14) -------------------------------------------------------
# DJANGO_DB_CONNECT_TIMEOUT    seconds to wait for a database connection (default 5)
# DJANGO_DB_STATEMENT_TIMEOUT  seconds one SQL statement may run, PostgreSQL (default 10); the
#                              client gives up 2 s later on a server that does not answer at
#                              all (frozen). Both stay well below gunicorn's timeout (30 s), so a
#                              stalled or frozen database answers 503 (ccwg.site.faults)
#                              instead of a killed worker
# DJANGO_DB_RETRY_AFTER        the Retry-After of those 503 answers, in seconds (default 30)
# DJANGO_PASSWORD_RESET        1 to offer password reset by e-mail (default: on when debugging,
#                              where mails print on the console, or when DJANGO_EMAIL_HOST or
#                              DJANGO_EMAIL_BACKEND is set; off otherwise: no mail would leave)
DB_CONNECT_TIMEOUT = int(os.environ.get("DJANGO_DB_CONNECT_TIMEOUT", "5"))
DB_STATEMENT_TIMEOUT = int(os.environ.get("DJANGO_DB_STATEMENT_TIMEOUT", "10"))
DB_RETRY_AFTER = int(os.environ.get("DJANGO_DB_RETRY_AFTER", "30"))
_db_options = DATABASES["default"].setdefault("OPTIONS", {})
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _db_options.setdefault("connect_timeout", DB_CONNECT_TIMEOUT)
    if DB_STATEMENT_TIMEOUT > 0:  # 0: no limit (e.g. for a long migration)
        _db_options.setdefault("options", f"-c statement_timeout={DB_STATEMENT_TIMEOUT * 1000}")
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # How long a write waits for another writer's lock before "database is locked".
    _db_options.setdefault("timeout", DB_CONNECT_TIMEOUT)
# Dead connections are dropped at the start of the next request (then re-opened).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
MIDDLEWARE.insert(0, "ccwg.site.faults.FaultMiddleware")
PASSWORD_RESET_ENABLED = env_bool(
    "DJANGO_PASSWORD_RESET",
    default=DEBUG
    or bool(os.environ.get("DJANGO_EMAIL_HOST") or os.environ.get("DJANGO_EMAIL_BACKEND")),
)
# `create_demo_users` (published passwords) runs only in development; the test settings allow it.
DEMO_USERS_ALLOWED = DEBUG
# --- Rendering budget (issue #14, item 2) ------------------------------------------------
# REPORT_RENDER_TIMEOUT: seconds a PDF may take to lay out before it is stopped and the
# request answers 503 (publishing: refused, the draft unchanged). Below gunicorn's timeout.
# 0 renders in-process without a budget.
REPORT_RENDER_TIMEOUT = float(os.environ.get("REPORT_RENDER_TIMEOUT", "25"))

# --- The archive (issue #10, item 5): manage.py export_archive / import_archive ------------
INSTALLED_APPS += ["ccwg.archive"]
