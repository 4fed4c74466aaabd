"""A real Celery worker on the test Redis database, and SMTP servers that are slow or stall on purpose."""

import asyncio
import contextlib
import threading
import time
import uuid

from aiosmtpd.controller import Controller
from celery.contrib.testing.worker import start_worker

from caserurale.celery import app
from tests.smtp import Inbox, SMTPServer, free_port


def wait_until(condition, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


@contextlib.contextmanager
def real_worker(redis_url, pool="solo", concurrency=1):
    """A worker consuming a queue of its own; yields the worker (its pool's processes for prefork)."""
    queue = f"test-{uuid.uuid4().hex[:8]}"
    keys = ("task_always_eager", "broker_url", "result_backend", "task_default_queue")
    previous = {key: app.conf[key] for key in keys}
    app.conf.update(task_always_eager=False, broker_url=redis_url, result_backend=redis_url, task_default_queue=queue)
    try:
        with start_worker(
            app, pool=pool, concurrency=concurrency, queues=[queue], perform_ping_check=False, loglevel="WARNING"
        ) as worker:
            yield worker
    finally:
        app.conf.update(previous)


class SlowInbox(Inbox):
    """Takes ``delay`` seconds to accept each message, like a busy mail server."""

    def __init__(self, delay):
        super().__init__()
        self.delay = delay

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(self.delay)
        return await super().handle_DATA(server, session, envelope)


class StallingInbox(Inbox):
    """Holds the first message until ``release`` is set, then answers it is accepted without keeping it.

    The sender of that first message is meant to be dead by then: were it still alive, it would take
    the answer as a delivery and nothing would ever reach ``messages``.
    """

    def __init__(self):
        super().__init__()
        self.first_arrived = threading.Event()
        self.release = threading.Event()
        self.stalled = False

    async def handle_DATA(self, server, session, envelope):
        if not self.stalled:
            self.stalled = True
            self.first_arrived.set()
            await asyncio.get_running_loop().run_in_executor(None, self.release.wait, 60)
            return "250 Message accepted"
        return await super().handle_DATA(server, session, envelope)


class RefusingInbox(Inbox):
    """Answers "try again later" to every message until ``accept`` is set."""

    def __init__(self):
        super().__init__()
        self.accept = threading.Event()
        self.refused = 0

    async def handle_DATA(self, server, session, envelope):
        if not self.accept.is_set():
            self.refused += 1
            return "451 4.3.0 Mail server busy, try again later"
        return await super().handle_DATA(server, session, envelope)


def smtp_server(inbox, port=None):
    server = SMTPServer.__new__(SMTPServer)
    server.port = port or free_port()
    server.inbox = inbox
    server.controller = Controller(inbox, hostname="127.0.0.1", port=server.port)
    return server.start()


def use_smtp(settings, port):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "use_tls": False, "timeout": 5},
        }
    }
