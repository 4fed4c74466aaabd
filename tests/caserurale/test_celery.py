"""Celery with a real Redis broker and a real worker: a task sent in a transaction runs after commit."""

import time
import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from django.db import transaction

from caserurale.celery import app
from home.models import ContactPage, ContactSubmission
from tests.smtp import SMTPServer, free_port

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def wait_until(condition, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def notified(submission):
    # The mail reaches the server a moment before the task records it: poll the database.
    return wait_until(lambda: ContactSubmission.objects.get(pk=submission.pk).notified_at is not None)


@pytest.fixture
def worker(settings):
    """A worker thread consuming a queue of its own on the test Redis database."""
    queue = f"test-{uuid.uuid4().hex[:8]}"
    previous = dict(app.conf)
    app.conf.update(
        task_always_eager=False,
        broker_url=settings.TEST_REDIS_URL,
        result_backend=settings.TEST_REDIS_URL,
        task_default_queue=queue,
    )
    with start_worker(app, pool="solo", concurrency=1, queues=[queue], perform_ping_check=False, loglevel="WARNING"):
        yield
    app.conf.update(
        {key: previous[key] for key in ("task_always_eager", "broker_url", "result_backend", "task_default_queue")}
    )


@pytest.fixture
def smtp_settings(settings):
    def configure(port):
        settings.MAILERS = {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": port, "use_tls": False, "timeout": 5},
            }
        }

    return configure


@pytest.fixture
def submission_data(demo_site):
    page = ContactPage.objects.get(locale__language_code="fr")
    return {
        "page": page,
        "name": "Jean-Paul Hoarau",
        "email": "jp.hoarau@example.re",
        "subject": "Atelier compost",
        "message": "Je voudrais proposer un atelier compost au jardin.",
        "language": "fr",
    }


def test_task_sent_inside_a_transaction_runs_only_after_commit(worker, smtp_settings, submission_data):
    from home.tasks import notify_contact_submission

    smtp = SMTPServer().start()
    smtp_settings(smtp.port)
    try:
        with transaction.atomic():
            submission = ContactSubmission.objects.create(**submission_data)
            notify_contact_submission.delay_on_commit(submission.pk)
            time.sleep(2)  # a worker given the task now would find no row and no mail would leave
            assert smtp.inbox.messages == []
        messages = smtp.inbox.wait_for(1, timeout=30)
    finally:
        smtp.stop()

    assert len(messages) == 1
    assert messages[0].rcpt_tos == ["contact@caserurale.re"]
    assert "Je voudrais proposer un atelier compost" in messages[0].content.decode()
    assert notified(submission)


def test_a_task_whose_smtp_server_is_down_is_retried_with_backoff_until_it_is_back(
    worker, smtp_settings, submission_data
):
    from home.tasks import notify_contact_submission

    port = free_port()
    smtp_settings(port)  # nothing listens there yet: the first try fails
    submission = ContactSubmission.objects.create(**submission_data)
    notify_contact_submission.delay(submission.pk)
    time.sleep(1.5)
    submission.refresh_from_db()
    assert submission.notified_at is None

    smtp = SMTPServer(port).start()
    try:
        messages = smtp.inbox.wait_for(1, timeout=60)
    finally:
        smtp.stop()
    assert len(messages) == 1
    assert notified(submission)


def test_a_notified_submission_is_never_sent_twice(worker, smtp_settings, submission_data):
    from home.tasks import notify_contact_submission

    smtp = SMTPServer().start()
    smtp_settings(smtp.port)
    try:
        submission = ContactSubmission.objects.create(**submission_data)
        first = notify_contact_submission.delay(submission.pk)
        assert first.get(timeout=30) is True
        second = notify_contact_submission.delay(submission.pk)
        assert second.get(timeout=30) is False
    finally:
        smtp.stop()
    assert len(smtp.inbox.messages) == 1
