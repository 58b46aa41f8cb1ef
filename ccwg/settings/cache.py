"""Caches (issue 11; docs/deploy.md, docs/performance.md).

Rendered drafts, page bodies and API pages are cached (reports.draft_cache) in the database cache,
which every app server shares; its tables are made by a migration (reports 0002) and by
`createcachetable`, which `make run`, `make serve` and the test database run too.
"""

from ccwg.settings.environment import env

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "ccwg_cache",
        "TIMEOUT": 24 * 3600,
        "OPTIONS": {
            "MAX_ENTRIES": env.int(
                "DJANGO_CACHE_MAX_ENTRIES",
                default=3000,
                minimum=1,
                help="cached drafts, page bodies and API pages kept in the database cache "
                "before culling",
            )
        },
    },
    # Each process's copy of what it read from the shared cache (ccwg/core/output_cache.py: the
    # keys hold the records' fingerprint, so a copy is never stale).
    "local": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "ccwg-local",
        "TIMEOUT": 24 * 3600,
        "OPTIONS": {
            "MAX_ENTRIES": env.int(
                "DJANGO_LOCAL_CACHE_MAX_ENTRIES",
                default=200,
                minimum=1,
                help="entries of each process's in-memory copy of that cache",
            )
        },
    },
    # The sessions, read through this cache (SESSION_ENGINE, ccwg.settings.security); a table
    # of their own, so the churn of cached pages never culls a session's copy. Each entry is
    # kept as long as its session lasts.
    "sessions": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "ccwg_sessions",
        "OPTIONS": {
            "MAX_ENTRIES": env.int(
                "DJANGO_SESSION_CACHE_MAX_ENTRIES",
                default=20000,
                minimum=1,
                help="sessions' copies kept in the database cache table `ccwg_sessions` "
                "(sessions are read through it) before culling",
            )
        },
    },
}
