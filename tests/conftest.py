import io

import pytest
from django.core.management import call_command


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
