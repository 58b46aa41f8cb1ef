"""The annual report's rendering budget (issue 14, item 2)."""

from ccwg.settings.environment import env

# Seconds a PDF may take to lay out (in a child process, reports.renderers.pdf) before it is
# stopped and the request answers 503 (publishing: refused, the draft unchanged). Below
# gunicorn's timeout (30 s). 0 renders in-process without a budget.
REPORT_RENDER_TIMEOUT = env.float(
    "DJANGO_REPORT_RENDER_TIMEOUT",
    default=25.0,
    minimum=0,
    help="seconds a PDF may take to lay out before the request answers 503 (below "
    "gunicorn's 30); `0` renders in-process without a budget",
    replaces="REPORT_RENDER_TIMEOUT",
)
