import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The demo site is built once; each test then runs in a transaction rolled back after it."""
    with django_db_blocker.unblock():
        call_command("load_demo_content", stdout=io.StringIO())


@pytest.fixture
def demo_site(transactional_db):
    """For tests that commit (live server, real worker): their database is emptied after each
    test, down to the root page and locales that migrations made, so the seeding rebuilds it all."""
    call_command("load_demo_content", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in French: the test client runs views in the test's own thread, and a
    request to /rcf/ would otherwise leave Creole active for the next test's reverse()."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def smtp_inbox(settings):
    """A real SMTP server the site sends its e-mails to; yields its inbox."""
    from tests.smtp import SMTPServer

    server = SMTPServer().start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": server.port, "use_tls": False, "timeout": 5},
        }
    }
    yield server.inbox
    server.stop()


@pytest.fixture(scope="module")
def calendar_server():
    """A real HTTP server on 127.0.0.1 serving the test calendars (tests/agenda/calendars) and misbehaving addresses."""
    from tests import local_server

    running = local_server.start(Path(__file__).resolve().parent / "agenda" / "calendars")
    yield running
    running.shutdown()
    running.server_close()


@pytest.fixture
def local_network(settings):
    """Let remote fetches reach the local test server (production refuses private addresses)."""
    settings.REMOTE_FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]
