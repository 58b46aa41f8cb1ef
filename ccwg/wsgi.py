"""WSGI entry point (gunicorn ccwg.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ccwg.settings")
application = get_wsgi_application()
