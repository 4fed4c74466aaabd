"""Django's task framework (django_tasks) on Celery.

Wagtail queues its search-index updates as django_tasks (modelsearch's
``insert_or_update_object_task``, on every save of an indexed model); the default backend runs them
at once, inside the saving request and its transaction. This one hands them to a Celery worker
once the transaction has committed, so saving a page never waits on Wagtail's index (an HTTP call
to Elasticsearch, or the database backend's rows).
"""

from django.db import transaction
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id, normalize_json

from caserurale.tasks import run_django_task


class CeleryBackend(BaseTaskBackend):
    def enqueue(self, task, args, kwargs):
        self.validate_task(task)
        args, kwargs = normalize_json(list(args)), normalize_json(dict(kwargs))
        result = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        path = task.module_path
        transaction.on_commit(lambda: run_django_task.delay(path, args, kwargs), robust=True)
        return result
