"""Keep each user's groups equal to what their memberships and circles call for."""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from annuaire.access import sync_user_groups
from annuaire.organisations import Circle, Membership, OrganisationDescription, Service
from annuaire.translations import share_with_translations


@receiver([post_save, post_delete], sender=Membership)
def membership_changed(sender, instance, **kwargs):
    sync_user_groups(instance.user)


@receiver(m2m_changed, sender=Circle.organisations.through)
def circle_organisations_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    organisation_ids = [instance.pk] if reverse else list(pk_set or [])
    if action == "post_clear" and not reverse:
        # After a clear the organisations are gone from the relation: resync every member of the circle's group.
        users = get_user_model().objects.filter(groups=instance.group_id)
    else:
        users = get_user_model().objects.filter(memberships__organisation__in=organisation_ids).distinct()
    for user in users:
        sync_user_groups(user)


# A Creole service is the French one to its readers: same organisation, kind, reach, themes, audiences, places.
share_with_translations(
    Service, relations=["themes", "audiences", "places"], synchronized=["organisation", "kind", "reach"], rights=False
)
share_with_translations(OrganisationDescription, relations=[], synchronized=["organisation"], rights=False)
