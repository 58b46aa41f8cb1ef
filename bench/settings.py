"""Settings of the bench and load runs: production settings (DEBUG off, hashed static files,
the database cache) served over loopback HTTP, plus one trivial view to compare against.

- no HTTPS redirect and no Secure cookies: the load generator talks plain HTTP to 127.0.0.1;
- no API throttling and no sign-in lock-out: a load run is one client making thousands of
  requests on purpose; throttled, it would measure 429s (issue #10 adds both; whatever
  they are named, they are switched off here and only here).
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key-not-used-anywhere-else-0123")

from ccwg.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_CLASSES": [],
    "DEFAULT_THROTTLE_RATES": {},
}
AXES_ENABLED = False
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": "ERROR"}}  # noqa: F405
