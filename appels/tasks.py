"""Funding calls' e-mails (Celery beat, every morning at 7:00 in La Réunion; CELERY_BEAT_SCHEDULE).

Each beat task only queues one task per recipient, with the day it was queued for, so that a task
retried or redelivered after midnight still sends that day's e-mail, under that day's key.
How each e-mail is sent once, whatever runs twice or dies: caserurale.delivery.
"""

from celery import shared_task
from django.contrib.auth import get_user_model
from django.utils import timezone

from appels import alerts
from appels.calls import SavedSearch
from caserurale import delivery
from caserurale.celery import SafeTask


@shared_task(base=SafeTask, bind=True)
@delivery.retried_after_claims
def send_saved_search_digest(self, saved_search_id, period):
    saved_search = SavedSearch.objects.select_related("user").filter(pk=saved_search_id).first()
    if saved_search is None:
        return False  # deleted, or unsubscribed, since it was queued
    return alerts.send_digest(saved_search, period)


def _queue_digests(frequency):
    period = alerts.period_of(frequency, timezone.localdate())
    ids = list(alerts.searches_due(frequency).values_list("pk", flat=True))
    for saved_search_id in ids:
        send_saved_search_digest.delay(saved_search_id, period)
    return len(ids)


@shared_task(base=SafeTask)
def queue_daily_digests():
    return _queue_digests(SavedSearch.Frequency.DAILY)


@shared_task(base=SafeTask)
def queue_weekly_digests():
    return _queue_digests(SavedSearch.Frequency.WEEKLY)


@shared_task(base=SafeTask, bind=True)
@delivery.retried_after_claims
def send_deadline_reminders(self, user_id, day):
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return False
    return alerts.send_reminders(user, alerts.parse_day(day))


@shared_task(base=SafeTask)
def queue_deadline_reminders():
    day = timezone.localdate()
    user_ids = alerts.users_with_reminders(day)
    for user_id in user_ids:
        send_deadline_reminders.delay(user_id, day.isoformat())
    return len(user_ids)
