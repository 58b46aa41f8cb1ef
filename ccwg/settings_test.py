"""Settings for the test suite: the environment's database, fast hashing, plain HTTP."""

import os

os.environ.setdefault(
    "DJANGO_SECRET_KEY", "tests-only-secret-key-not-used-anywhere-else-0123456789"
)

# Background tasks run at once in the test process unless a test (or the workers it starts,
# which read these settings too) asks for the database queue.
os.environ.setdefault("DJANGO_TASKS_BACKEND", "immediate")

from ccwg.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
ALLOWED_HOSTS = ["*"]
# Static files from the app directories, without collectstatic's manifest (issue #11 makes
# production use hashed names).
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
DEMO_USERS_ALLOWED = True  # the demo logins are fixtures of some tests
# The suite creates and drops databases on a loaded machine: a long statement limit, not the
# 10 seconds of production (the fault tests run their own server with a short one).
DB_STATEMENT_TIMEOUT = 300
_database = DATABASES["default"]  # noqa: F405
if _database["ENGINE"] == "django.db.backends.postgresql":
    _database["OPTIONS"]["options"] = f"-c statement_timeout={DB_STATEMENT_TIMEOUT * 1000}"

# Two shared cores lay the 2017 report out in 10-20 s: the suite's budget is generous; the
# tests of the budget itself set a small one.
REPORT_RENDER_TIMEOUT = 300
# API throttles stay out of the way (tests/security/test_sign_in.py lowers them itself).
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {
        "anon": "100000/minute",
        "user": "100000/minute",
        "token": "100000/minute",
    },
}
