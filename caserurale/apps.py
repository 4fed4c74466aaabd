from django.apps import AppConfig
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save


class CaseruraleConfig(AppConfig):
    name = "caserurale"
    verbose_name = "La Case Rurale"

    def ready(self):
        # Imported once the app registry is ready: both load models, which apps.py may not do at import.
        from wagtail.images import get_image_model

        from caserurale import page_cache

        page_cache.connect_signals()
        post_save.connect(queue_renditions, sender=get_image_model(), dispatch_uid="renditions-on-save")


def queue_renditions(sender, instance, **kwargs):
    """Once the image is committed (the worker must find it), resize it in the background. A failure
    is logged and leaves the page to make the rendition when it is first shown, as Wagtail does."""
    # Loads the image model through caserurale.renditions: apps.py is imported before models exist.
    from caserurale.tasks import generate_image_renditions

    if not settings.RENDITIONS_ON_SAVE:
        return
    image_id = instance.pk
    transaction.on_commit(lambda: generate_image_renditions.delay(image_id), robust=True)
