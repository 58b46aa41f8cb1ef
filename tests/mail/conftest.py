import pytest

from tests.mail.smtp import SmtpServer


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server, and the settings that send to it through Django's SMTP backend."""
    with SmtpServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = server.port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_HOST_USER = ""
        settings.EMAIL_TIMEOUT = 1.0
        yield server
