"""The site's own middleware and error handlers, around every page and API answer alike:
faults answered cleanly (`faults`), the Content-Security-Policy header (`csp`). Imports no
app."""
