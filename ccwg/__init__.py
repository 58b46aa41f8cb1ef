"""The Django project: settings, URLs, the home page, the WSGI/ASGI entry points, and the
sample records (`ccwg.sample`). The core app is `ccwg.core`, the API plumbing `ccwg.rest`."""
