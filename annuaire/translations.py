"""A translated shared object (an event, a funding call in Creole) is one object to its readers.

Its translations share the relations (themes, audiences, circles…), the synchronised fields that
decide who sees it (owner, visibility) and the rights of the original, which alone is edited.
``share_with_translations(Model, relations=[...])`` wires it for one model.
"""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_save

from annuaire import access


def original_of(obj):
    if obj.locale.language_code == settings.LANGUAGE_CODE:
        return obj
    return obj.get_translations().filter(locale__language_code=settings.LANGUAGE_CODE).first()


def copy_relations(original, relations, synchronized=(), rights=True):
    """The relations (and ``synchronized`` fields) of ``original`` onto each translation, then the rights."""
    values = {name: list(getattr(original, name).all()) for name in relations}
    translations = original.get_translations()
    if synchronized:
        # A translation made public while its original was narrowed would leak it: they follow the original.
        translations.update(**{name: getattr(original, name) for name in synchronized})
    for translation in translations:
        for name, related in values.items():
            getattr(translation, name).set(related)
    if rights:
        access.sync_object_permissions(original)


def share_with_translations(model, *, relations, synchronized=(), rights=True):
    """Connect the signals that keep ``model``'s translations in step with their original.

    ``rights=False`` for objects without object permissions (a service is as public as its organisation).
    """

    def translation_saved(sender, instance, created, raw=False, **kwargs):
        if raw:
            return
        if instance.locale.language_code == settings.LANGUAGE_CODE:
            if synchronized and not created:
                transaction.on_commit(lambda: _sync_fields(instance, synchronized, rights))
            return
        if created:
            original = original_of(instance)
            if original is not None:
                transaction.on_commit(lambda: copy_relations(original, relations, synchronized, rights))

    def original_relations_changed(sender, instance, action, reverse, **kwargs):
        if reverse or action not in {"post_add", "post_remove", "post_clear"}:
            return
        if instance.locale.language_code == settings.LANGUAGE_CODE and instance.get_translations().exists():
            transaction.on_commit(lambda: copy_relations(instance, relations, synchronized, rights))

    uid = f"share_with_translations:{model._meta.label}"
    post_save.connect(translation_saved, sender=model, weak=False, dispatch_uid=uid)
    for name in relations:
        through = getattr(model, name).through
        m2m_changed.connect(original_relations_changed, sender=through, weak=False, dispatch_uid=f"{uid}:{name}")


def _sync_fields(original, synchronized, rights=True):
    translations = original.get_translations()
    if translations.exists():
        translations.update(**{name: getattr(original, name) for name in synchronized})
        if rights:
            access.sync_object_permissions(original)
