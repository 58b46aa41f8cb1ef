"""Settings for the test suite: the environment's database, fast hashing, plain HTTP."""

import os

os.environ.setdefault(
    "DJANGO_SECRET_KEY", "tests-only-secret-key-not-used-anywhere-else-0123456789"
)

from ccwg.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
ALLOWED_HOSTS = ["*"]

# Two shared cores lay the 2017 report out in 10-20 s: the suite's budget is generous; the
# tests of the budget itself set a small one.
REPORT_RENDER_TIMEOUT = 300
