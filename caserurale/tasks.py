from celery import shared_task
from django.utils.module_loading import import_string

from caserurale import renditions


@shared_task
def generate_image_renditions(image_id):
    """Resizes a saved image into every size the site shows. Safe to run twice: renditions that
    exist are kept."""
    return renditions.generate_for(image_id)


@shared_task(acks_late=True, ignore_result=True)
def run_django_task(path, args, kwargs):
    """A django_tasks task (Wagtail's search-index updates) queued by caserurale.task_backend."""
    import_string(path).call(*args, **kwargs)
