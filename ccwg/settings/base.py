"""The project: paths, debugging, apps, middleware, templates, language and static files."""

from pathlib import Path

from ccwg.settings.environment import env

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env.bool(
    "DJANGO_DEBUG",
    default=False,
    help="`1` for local development (debug pages, mails on the console, plain HTTP); "
    "never in production",
)

# Apps are looked up in this order: templates, static files and management commands of an
# earlier app win over a later one's of the same name, and models load in this order.
INSTALLED_APPS = [
    # django.contrib.admin with the staff's index (ccwg.admin_site); first, as in Django's
    # project template.
    "ccwg.admin_site.CcwgAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Above staticfiles, so that `runserver` is WhiteNoise's and leaves static files to its
    # middleware, as in production (WhiteNoise's documentation).
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # The API: DRF, token sign-in, filters, the OpenAPI schema and its Swagger UI files.
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # Every record's history (django-simple-history).
    "simple_history",
    # Background tasks (Django 6's framework, backported) and their database queue.
    "django_tasks",
    "django_tasks_db",
    # Our apps, lowest layer first (pyproject's import-linter contracts), so each loads after
    # the apps it builds on.
    "ccwg.core",
    "meetings",
    "engagements",
    "reports",
    "ccwg.sample",  # load_sample_data, create_demo_users
    "ccwg.members",  # the members' site
    "ccwg.synthetic",  # generate_synthetic_data: records at any volume for bench/ (issue 11)
    # Content-Security-Policy and the sign-in lock-out (issue 10; ccwg.settings.security).
    # They came after our apps and stay there; neither depends on its place.
    "csp",
    "axes",
    "ccwg.archive",  # export_archive, import_archive (issue 10)
]

# Requests pass down this list and responses back up it.
MIDDLEWARE = [
    # First: a database out of reach anywhere below (sessions, authentication, the view)
    # answers 503, never a traceback (issue 14).
    "ccwg.site.faults.FaultMiddleware",
    # The HTTPS redirect and the security headers, before anything else answers.
    "django.middleware.security.SecurityMiddleware",
    # django-csp's, policy built once (ccwg.settings.security). It only adds a header, so it
    # sits right after SecurityMiddleware, and static files get the header too.
    "ccwg.site.csp.ContentSecurityPolicyMiddleware",
    # Static files, answered before sessions and authentication are looked at.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Django's own, in the order Django documents: sessions before what reads them
    # (CSRF tokens kept in them, authentication, messages).
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After authentication: each history row names the user who made the change.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Unmatched paths under /api/ answer a JSON 404, as the schema says (issue 12).
    "ccwg.rest.middleware.ApiNotFoundMiddleware",
    # Last, as django-axes asks: on the way back it sees the flag the login view's
    # authenticate() set, and turns a refused sign-in into ccwg.members.lockout's answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ccwg.urls"
WSGI_APPLICATION = "ccwg.wsgi.application"

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

LANGUAGE_CODE = "en-gb"
# ISO dates and 24-hour times, typed and shown (ccwg/settings/formats/en_GB/formats.py).
FORMAT_MODULE_PATH = "ccwg.settings.formats"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# The members' site signs in on its own pages (the admin keeps its login for staff).
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = None  # show registration/logged_out.html

# Static files: no state on an app server's disk, so they are collected at deploy
# (`make serve`) and served by WhiteNoise.
STATIC_URL = "static/"
STATIC_ROOT = Path(
    env.str(
        "DJANGO_STATIC_ROOT",
        default=str(BASE_DIR / "staticfiles"),
        help="where `collectstatic` writes the hashed static files",
        shown="`staticfiles/`",
    )
)
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if DEBUG
        # Hashed names (app.3f2a1c.css), cached for a year by browsers; `collectstatic`
        # (run by `make serve`) writes them and their manifest.
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Serve app static files without collectstatic in development and tests.
WHITENOISE_USE_FINDERS = True
