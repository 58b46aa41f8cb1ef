"""Security: the secret key, hosts, HTTPS and cookies, Content-Security-Policy, the sign-in
lock-out and sessions (issue 10). Production hardening is on unless debugging."""

from datetime import timedelta

from django.core.exceptions import ImproperlyConfigured

from ccwg.settings.base import DEBUG
from ccwg.settings.environment import env

SECRET_KEY = env.str(
    "DJANGO_SECRET_KEY",
    default="",
    help="the secret key, a long random value; required unless `DJANGO_DEBUG` is on",
    shown="none (refuses to start)",
)
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random value, "
            "or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "django-insecure-local-development-only-key-not-for-production-use"

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS",
    default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else [],
    help="comma-separated host names the site answers to",
    shown="localhost names when debugging, else none",
)
CSRF_TRUSTED_ORIGINS = env.list(
    "DJANGO_CSRF_TRUSTED_ORIGINS",
    default=[],
    help="comma-separated origins trusted for forms (`https://ccwg.example.org`)",
)

# HTTPS and cookies.
SECURE_SSL_REDIRECT = env.bool(
    "DJANGO_SECURE_SSL_REDIRECT",
    default=not DEBUG,
    help="`0` when a proxy redirects to HTTPS",
    shown="on in production",
)
_behind_proxy = env.bool(
    "DJANGO_SECURE_PROXY_SSL_HEADER",
    default=False,
    help="`1` behind a proxy that sets `X-Forwarded-Proto` and `X-Forwarded-For`",
)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if _behind_proxy else None
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
_hsts_seconds = env.int(
    "DJANGO_HSTS_SECONDS",
    default=31536000,
    minimum=0,
    help="HSTS max-age in production, in seconds (none when debugging)",
)
SECURE_HSTS_SECONDS = 0 if DEBUG else _hsts_seconds
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Content-Security-Policy (django-csp 4; its middleware: ccwg.settings.base.MIDDLEWARE):
# same-origin only, no inline script or style anywhere (our templates load static files; the
# API docs use split views and our own templates). The report's standalone HTML download
# replaces style-src with the hash of its one <style> block (reports.views).
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
# the refusal into ccwg.members.lockout (an HTML page, or JSON under /api/).
# Unlock: manage.py axes_reset_username <name> / axes_reset_ip <address> (README "Security").
AUTHENTICATION_BACKENDS = [
    "ccwg.members.backends.LockoutBackend",  # axes, for requests
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int(
    "DJANGO_AXES_FAILURE_LIMIT",
    default=5,
    minimum=1,
    help="failed logins (per account, per address) before the lock-out",
)
AXES_COOLOFF_TIME = timedelta(
    minutes=env.float(
        "DJANGO_AXES_COOLOFF_MINUTES",
        default=15.0,
        minimum=0,
        help="how long the lock-out lasts, in minutes",
    )
)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # per account, and per address
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "ccwg.members.lockout.lockout_response"
AXES_ENABLE_ADMIN = False  # read-only logs with no add page: the unlock commands do the work
# Behind a proxy, the client's address is the one X-Forwarded-For names.
AXES_IPWARE_PROXY_COUNT = 1 if _behind_proxy else None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if _behind_proxy else ("REMOTE_ADDR",)
)

# Sessions: no state on an app server's disk, so they live in the database, read through the
# shared "sessions" cache (ccwg.settings.cache; `cached_db`: a signed-in request reads its
# session with one plain cache lookup instead of an ORM query; every write goes to both).
# They end when the browser closes, and at the latest DJANGO_SESSION_COOKIE_AGE seconds after
# signing in (not renewed per request: that would write the session on every request).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_CACHE_ALIAS = "sessions"
SESSION_COOKIE_AGE = env.int(
    "DJANGO_SESSION_COOKIE_AGE",
    default=8 * 60 * 60,
    minimum=1,
    help="seconds after signing in that end a session",
)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env.bool(
    "DJANGO_SESSION_EXPIRE_AT_BROWSER_CLOSE",
    default=True,
    help="`0` to keep sessions across browser restarts",
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# `create_demo_users` (published passwords) runs only in development; the test settings allow it.
DEMO_USERS_ALLOWED = DEBUG
