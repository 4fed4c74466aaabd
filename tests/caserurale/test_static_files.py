"""Static files in production: names with a content hash (cached for a year by browsers), each
also stored compressed with gzip and Brotli, and served compressed by WhiteNoise."""

import io
import json

import pytest
from django.core.management import call_command
from django.test import Client

from tests.caserurale.test_settings import PRODUCTION_ENV, manage

PRODUCTION_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_production_stores_static_files_compressed_and_fingerprinted():
    script = "from django.conf import settings as s; print(s.STORAGES['staticfiles']['BACKEND'])"
    result = manage("shell", "--no-imports", "-c", script, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == PRODUCTION_STORAGE


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """collectstatic as the Docker image runs it, into a folder of its own."""
    from django.conf import settings
    from django.test import override_settings

    root = tmp_path_factory.mktemp("static")
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": PRODUCTION_STORAGE}}
    with override_settings(STATIC_ROOT=root, STORAGES=storages, WHITENOISE_USE_FINDERS=False, DEBUG=False):
        call_command("collectstatic", "--no-input", stdout=io.StringIO())
        yield root


def test_collectstatic_gives_hashed_names_and_gzip_and_brotli_copies(collected):
    manifest = json.loads((collected / "staticfiles.json").read_text())["paths"]
    for name in ("css/site.css", "js/site.js"):
        hashed = manifest[name]
        assert hashed != name and hashed.startswith(name.rsplit(".", 1)[0] + ".")
        for suffix in ("", ".gz", ".br"):
            assert (collected / f"{hashed}{suffix}").is_file(), f"{hashed}{suffix}"
        assert (collected / f"{hashed}.br").stat().st_size < (collected / hashed).stat().st_size


@pytest.mark.django_db
def test_whitenoise_serves_the_brotli_copy_with_a_long_lifetime(collected, settings):
    settings.STATIC_ROOT = collected
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": PRODUCTION_STORAGE}}
    settings.WHITENOISE_USE_FINDERS = False
    hashed = json.loads((collected / "staticfiles.json").read_text())["paths"]["css/site.css"]

    response = Client().get(f"/static/{hashed}", HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    assert "immutable" in response["Cache-Control"] and "max-age=315360000" in response["Cache-Control"]
