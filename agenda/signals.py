"""A translation of an event shares the relations and rights of the original, which alone is edited."""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from agenda.models import Event
from annuaire import access


def original_of(event):
    if event.locale.language_code == settings.LANGUAGE_CODE:
        return event
    return event.get_translations().filter(locale__language_code=settings.LANGUAGE_CODE).first()


def copy_relations(original):
    """Themes, audiences and circles of ``original`` onto each of its translations, then the rights."""
    themes, audiences, circles = (
        list(original.themes.all()),
        list(original.audiences.all()),
        list(original.circles.all()),
    )
    for translation in original.get_translations():
        translation.themes.set(themes)
        translation.audiences.set(audiences)
        translation.circles.set(circles)
    access.sync_object_permissions(original)


@receiver(post_save, sender=Event)
def translation_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not created or instance.locale.language_code == settings.LANGUAGE_CODE:
        return
    original = original_of(instance)
    if original is not None:
        transaction.on_commit(lambda: copy_relations(original))


@receiver(m2m_changed, sender=Event.themes.through)
@receiver(m2m_changed, sender=Event.audiences.through)
@receiver(m2m_changed, sender=Event.circles.through)
def original_relations_changed(sender, instance, action, reverse, **kwargs):
    if reverse or action not in {"post_add", "post_remove", "post_clear"}:
        return
    if instance.locale.language_code == settings.LANGUAGE_CODE and instance.get_translations().exists():
        transaction.on_commit(lambda: copy_relations(instance))
