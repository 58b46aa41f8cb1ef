"""Shared fixtures: users, API clients, and the 2017 sample records (only for the tests that
compare against the reference report; the others build small records from tests.factories)."""

import pytest
from django.core.management import call_command
from django.test import Client

from tests.factories import StaffFactory, SuperuserFactory, UserFactory
from tests.system import unavailable


@pytest.fixture(scope="session")
def django_db_setup(_database_templates, django_db_setup):
    """pytest-django's test databases, each a copy of a template migrated once."""
    yield


@pytest.fixture(scope="session")
def _database_templates(django_test_environment, django_db_blocker, django_db_use_migrations):
    """`--nomigrations` aside, the test databases are copies of a template built with the
    migrations once per state of the migration files (tests/database.py)."""
    if django_db_use_migrations:
        from tests.database import use_templates

        with django_db_blocker.unblock():
            use_templates()


@pytest.fixture
def member(db):
    return UserFactory(username="member")


@pytest.fixture
def staff(db):
    return StaffFactory(username="staff")


@pytest.fixture
def member_client(member) -> Client:
    client = Client()
    client.force_login(member)
    return client


@pytest.fixture
def staff_client(staff) -> Client:
    client = Client()
    client.force_login(staff)
    return client


@pytest.fixture
def superuser_client(db) -> Client:
    """A client logged in as a superuser, for the admin."""
    client = Client()
    client.force_login(SuperuserFactory(username="root"))
    return client


@pytest.fixture
def admin_client(superuser_client) -> Client:
    """pytest-django's `admin_client`, logged in as the project's superuser ("root")."""
    return superuser_client


@pytest.fixture
def sample_data(db):
    """The CCWG-IG 2017 records of the reference annual report."""
    call_command("load_sample_data", verbosity=0)


#: Debian's Chromium; CHROMIUM_PATH names another Chromium-based browser binary.
CHROMIUM_CANDIDATES = ("/usr/bin/chromium",)


def _chromium_path() -> str | None:
    import os
    import shutil

    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured
    for candidate in CHROMIUM_CANDIDATES:
        if os.path.exists(candidate):
            return candidate
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright (no browser download)."""
    import os

    path = _chromium_path()
    if path is None:
        unavailable("Chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is not installed (make test installs it)")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # tests make around it are synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


# --- REST API clients (token authentication, as outside clients use it) --------------


@pytest.fixture
def anon_api():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def member_api(member):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=member).key}")
    return client


@pytest.fixture
def staff_api(staff):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=staff).key}")
    return client


@pytest.fixture
def live_records(transactional_db):
    """The 2017 records and the demo logins, committed, for a live server and a browser."""
    call_command("load_sample_data", verbosity=0)
    call_command("create_demo_users", verbosity=0)


@pytest.fixture(autouse=True)
def _no_document_copies():
    """Each test reads published documents and cached pages from its own database, not from
    the copies an earlier test left in this process (`reports.published_bytes`, the local cache)."""
    from ccwg.core.output_cache import forget_local
    from reports import published_bytes

    published_bytes.forget()
    forget_local()  # keys repeat across tests (their databases are rolled back)
    yield
    published_bytes.forget()
    forget_local()
