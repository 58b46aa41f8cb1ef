"""gunicorn's configuration (`make serve`; `gunicorn -c gunicorn.conf.py`), from the environment.

GUNICORN_BIND      address to listen on (default 127.0.0.1:8000; behind a load balancer
                   e.g. 0.0.0.0:8000)
GUNICORN_WORKERS   worker processes (default 2 x CPU cores + 1)
GUNICORN_THREADS   threads per worker (default 1: sync workers)
GUNICORN_TIMEOUT   seconds a request may take before its worker is restarted (default 30;
                   database statement timeouts are set below it)
GUNICORN_MAX_REQUESTS  restart a worker after this many requests, with jitter (default 2000)
GUNICORN_ACCESS_LOG    "-" for the access log on stdout (default off)

An app server keeps no state on its disk (see docs/deploy.md): N of them can run behind a
load balancer on one PostgreSQL database.
"""

import multiprocessing
import os

wsgi_app = "ccwg.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() * 2 + 1)))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = timeout
keepalive = 5
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
# Workers load the application themselves: a restarted worker picks up new code.
preload_app = False
