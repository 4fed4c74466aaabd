"""Opening a page changes nothing: link prefetchers, crawlers and a reload must not create rows.

Every page type the HTML checks visit (public in both languages, then the extranet as a partner)
is opened twice; neither visit may write to the database. Image renditions are the one exception:
they are derived files, made when an image is saved in production (RENDITIONS_ON_SAVE, off in the
tests for speed), so there a page finds them made; here the first visit records them.
"""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.caserurale.test_html_validity import partner_paths, public_paths
from tests.helpers import database_writes

pytestmark = pytest.mark.django_db


def writes_of(client, paths):
    found = []
    for path in paths:
        for _visit in range(2):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            assert response.status_code == 200, path
            writes = [sql for sql in database_writes(queries) if '"wagtailimages_rendition"' not in sql]
            found += [f"{path}: {sql[:160]}" for sql in writes]
    return found


def test_public_pages_write_nothing(client):
    paths = [prefix + path for prefix, language in (("", "fr"), ("/rcf", "rcf")) for path in public_paths(language)]
    assert writes_of(client, paths) == []


def test_partner_pages_write_nothing(client):
    partner = get_user_model().objects.get(username="admin@alambic.re")
    client.force_login(partner)
    paths = [prefix + path for prefix in ("", "/rcf") for path in partner_paths(partner)]
    assert writes_of(client, paths) == []
