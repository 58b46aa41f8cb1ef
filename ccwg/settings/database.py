"""The database: where it is (DATABASE_URL), and how long it may take to answer (issue 14).

The timeouts stay well below gunicorn's (30 s), so a stalled or frozen database answers 503
(ccwg.site.faults) instead of a killed worker.
"""

import dj_database_url

from ccwg.settings.base import BASE_DIR
from ccwg.settings.environment import env

_SQLITE_FILE = BASE_DIR / "var" / "db.sqlite3"

_url = env.str(
    "DATABASE_URL",
    default=f"sqlite:///{_SQLITE_FILE}",
    help="the database, e.g. `postgres://user:pw@host:5432/ccwg`",
    shown="SQLite file `var/db.sqlite3`",
)
if not env.given("DATABASE_URL"):
    _SQLITE_FILE.parent.mkdir(exist_ok=True)
_conn_max_age = env.int(
    "DJANGO_DB_CONN_MAX_AGE",
    default=60,
    minimum=0,
    help="seconds to keep database connections",
)

DB_CONNECT_TIMEOUT = env.int(
    "DJANGO_DB_CONNECT_TIMEOUT",
    default=5,
    minimum=0,
    help="seconds to wait for a database connection (PostgreSQL `connect_timeout`; SQLite: "
    "how long a write waits for the lock)",
)
DB_STATEMENT_TIMEOUT = env.int(
    "DJANGO_DB_STATEMENT_TIMEOUT",
    default=10,
    minimum=0,
    help="seconds one SQL statement may run (PostgreSQL `statement_timeout`); a server that "
    "does not answer at all is given up 2 s later; `0` for no limit (a long `migrate`)",
)
DB_RETRY_AFTER = env.int(
    "DJANGO_DB_RETRY_AFTER",
    default=30,
    minimum=0,
    help="`Retry-After` of the 503 answered while the database is out of reach",
)

_database = dj_database_url.parse(
    _url,
    conn_max_age=_conn_max_age,
    # Dead connections are dropped at the start of the next request (then re-opened).
    conn_health_checks=True,
)
_database["ATOMIC_REQUESTS"] = True
_options = _database.setdefault("OPTIONS", {})  # the URL's own options win
if _database["ENGINE"] == "django.db.backends.postgresql":
    _options.setdefault("connect_timeout", DB_CONNECT_TIMEOUT)
    if DB_STATEMENT_TIMEOUT > 0:  # 0: no limit
        _options.setdefault("options", f"-c statement_timeout={DB_STATEMENT_TIMEOUT * 1000}")
elif _database["ENGINE"] == "django.db.backends.sqlite3":
    # How long a write waits for another writer's lock before "database is locked".
    _options.setdefault("timeout", DB_CONNECT_TIMEOUT)
DATABASES = {"default": _database}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
