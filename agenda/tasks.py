"""Partners' calendars are fetched in the background: each source is its own task."""

import logging

from celery import shared_task

from agenda.models import CalendarSource
from caserurale.celery import SafeTask

logger = logging.getLogger(__name__)


@shared_task(base=SafeTask)
def import_calendar_source(source_id):
    """Fetch and import one source. A feed that fails is recorded on the source, not retried:
    the next hourly run tries again, and a retry would not fix a wrong address."""
    from agenda import importer
    from caserurale.remote import FetchError

    source = CalendarSource.objects.select_related("organisation").filter(pk=source_id).first()
    if source is None:
        return None  # deleted since it was queued
    try:
        summary = importer.import_source(source)
    except (FetchError, importer.FeedError) as error:
        logger.info("calendar source %s not imported: %s", source_id, error)
        return {"error": str(error)}
    return summary.as_dict()


@shared_task(base=SafeTask)
def import_active_calendars():
    """Queue every active source (Celery beat, hourly: CELERY_BEAT_SCHEDULE)."""
    source_ids = list(CalendarSource.objects.filter(active=True).values_list("pk", flat=True))
    for source_id in source_ids:
        import_calendar_source.delay(source_id)
    return len(source_ids)
