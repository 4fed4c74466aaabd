"""Production settings come from the environment and pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "caserurale.settings.production",
    "SECRET_KEY": "a-production-secret-key-of-enough-length-and-variety-9f8e7d6c5b4a3",
    "ALLOWED_HOSTS": "caserurale.re,www.caserurale.re",
    "DATABASE_URL": "sqlite:////tmp/caserurale-check.sqlite3",
    "REDIS_URL": "redis://127.0.0.1:6379/3",
}


def manage(*args, env):
    # A production process starts from its own environment, not from the test runner's.
    ignored = {"DATABASE_URL", "ELASTICSEARCH_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {key: value for key, value in os.environ.items() if key not in ignored}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, check=False
    )


def test_deploy_checks_pass_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY is required in production" in result.stderr


def test_production_reads_its_services_from_the_environment():
    script = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE']);"
        "print(s.CELERY_BROKER_URL);"
        "print(s.CACHES['default']['LOCATION']);"
        "print(s.ALLOWED_HOSTS);"
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME)"
    )
    env = {
        **PRODUCTION_ENV,
        "DATABASE_URL": "postgres://case:secret@db:5432/caserurale",
        "REDIS_URL": "redis://cache:6379/1",
    }
    result = manage("shell", "--no-imports", "-c", script, env=env)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "django.db.backends.postgresql"
    assert lines[1] == "redis://cache:6379/1"
    assert lines[2] == "redis://cache:6379/1"
    assert lines[3] == "['caserurale.re', 'www.caserurale.re']"
    assert lines[4] == "__Host-sessionid __Host-csrftoken"


@pytest.mark.parametrize("language", ["fr", "rcf"])
def test_both_languages_are_known_to_django(language):
    from django.utils.translation import check_for_language, get_language_info

    assert check_for_language(language)
    assert get_language_info(language)["name_local"] in {"français", "Kréol rényoné"}
