from celery import shared_task

from caserurale import renditions


@shared_task
def generate_image_renditions(image_id):
    """Resizes a saved image into every size the site shows. Safe to run twice: renditions that
    exist are kept."""
    return renditions.generate_for(image_id)
