"""Mail: password-reset mails and the mails staff send (the notes of a call), printed on the
console while developing, SMTP in production. Staff's mails are sent by the worker
(ccwg.core.mail_services)."""

from ccwg.settings.base import DEBUG
from ccwg.settings.environment import env

EMAIL_BACKEND = env.str(
    "DJANGO_EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
    help="e-mail backend (password resets, the mails staff send)",
    shown="console when debugging, else SMTP",
)
EMAIL_HOST = env.str("DJANGO_EMAIL_HOST", default="localhost", help="the SMTP server")
EMAIL_PORT = env.int("DJANGO_EMAIL_PORT", default=25, minimum=1, help="the SMTP server's port")
EMAIL_HOST_USER = env.str(
    "DJANGO_EMAIL_HOST_USER", default="", help="the user name on the SMTP server"
)
EMAIL_HOST_PASSWORD = env.str(
    "DJANGO_EMAIL_HOST_PASSWORD", default="", help="the password on the SMTP server"
)
EMAIL_TIMEOUT = env.float(
    "DJANGO_EMAIL_TIMEOUT",
    default=30.0,
    minimum=0.1,
    help="seconds to wait for the SMTP server before the attempt fails (and is retried)",
)
EMAIL_USE_TLS = env.bool(
    "DJANGO_EMAIL_USE_TLS", default=False, help="`1` to talk to the SMTP server over TLS"
)
DEFAULT_FROM_EMAIL = env.str(
    "DJANGO_DEFAULT_FROM_EMAIL",
    default="ccwg <noreply@localhost>",
    help="sender of the mails the site sends",
)
# Offered only where a mail can leave: while debugging (the console), or once a mail server
# or backend is named.
PASSWORD_RESET_ENABLED = env.bool(
    "DJANGO_PASSWORD_RESET",
    default=DEBUG or env.given("DJANGO_EMAIL_HOST") or env.given("DJANGO_EMAIL_BACKEND"),
    help="`1` to offer password reset by e-mail; off, its pages answer 404 and the login "
    "page does not link to them",
    shown="on when debugging or when `DJANGO_EMAIL_HOST` or `DJANGO_EMAIL_BACKEND` is set",
)
