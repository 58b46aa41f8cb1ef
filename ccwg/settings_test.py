"""Settings for the test suite: the environment's database, fast hashing, plain HTTP."""

import os
from typing import Any

os.environ.setdefault(
    "DJANGO_SECRET_KEY", "tests-only-secret-key-not-used-anywhere-else-0123456789"
)

from ccwg.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
ALLOWED_HOSTS = ["*"]
# API throttles stay out of the way (tests/security/test_sign_in.py lowers them itself).
_throttles: dict[str, Any] = {
    "DEFAULT_THROTTLE_RATES": {
        "anon": "100000/minute",
        "user": "100000/minute",
        "token": "100000/minute",
    }
}
REST_FRAMEWORK.update(_throttles)  # noqa: F405
