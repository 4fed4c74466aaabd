"""A translation of a funding call shares the relations, visibility and rights of the French original;
every call of a family keeps the family's first and last deadline dates (see ``FundingCall.with_status``)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from annuaire.translations import share_with_translations
from appels.calls import Deadline, FundingCall, refresh_family_deadline_dates

# Who sees a call is decided by the original: its translations follow it (SynchronizedField in the
# model says so to wagtail-localize, which only copies them when an editor syncs the translation).
share_with_translations(
    FundingCall,
    relations=["themes", "beneficiaries", "funders", "circles"],
    synchronized=["owner", "visibility"],
)


@receiver(post_save, sender=Deadline, dispatch_uid="appels_deadline_saved")
@receiver(post_delete, sender=Deadline, dispatch_uid="appels_deadline_deleted")
def keep_family_deadline_dates(sender, instance, **kwargs):
    if Deadline.call.is_cached(instance):
        call = instance.call  # updated in memory too, for whoever holds it
    else:
        call = FundingCall.objects.filter(pk=instance.call_id).only("translation_key").first()
    if call is not None:  # None: the call itself is being deleted
        refresh_family_deadline_dates(call)
