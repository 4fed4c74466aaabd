"""The Celery application.

Production uses Redis as the broker (settings ``CELERY_*``); the embedded
default runs tasks eagerly in-process. Every task of the project inherits the
safe-delivery defaults of :class:`SafeTask`.
"""

import os
import smtplib

from celery import Celery
from celery.contrib.django.task import DjangoTask
from django.db import OperationalError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "caserurale.settings.dev")

# Failures worth another try: the network, the SMTP server, the database restarting.
TRANSIENT_ERRORS = (OSError, smtplib.SMTPException, OperationalError)


class SafeTask(DjangoTask):
    """Late acknowledgement, redelivery when a worker dies, retries with backoff.

    Tasks must therefore be idempotent: a task may run again after a crash.
    """

    acks_late = True
    reject_on_worker_lost = True
    autoretry_for = TRANSIENT_ERRORS
    retry_backoff = 5  # seconds, doubled at each try
    retry_backoff_max = 600
    retry_jitter = True
    max_retries = 6


app = Celery("caserurale", task_cls=SafeTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
