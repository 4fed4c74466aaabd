"""The agenda as it grows: from 10 to 5,000 public events, what the agenda pages cost."""

import uuid
from datetime import datetime, timedelta
from datetime import time as clock

GROWTH = (10, 100, 1000, 5000)


def add_events(count, organisations, offset):
    """``count`` public events over the next two months, one in ten repeating weekly, in a few queries."""
    from django.utils import timezone
    from wagtail.models import Locale

    from agenda import recurrence
    from agenda.models import Event, Occurrence, as_datetime
    from annuaire import access
    from annuaire.models import Place, Theme

    french = Locale.objects.get(language_code="fr")
    places = list(Place.objects.all())
    theme = Theme.objects.get(locale=french, slug="numerique")
    today = timezone.localdate()
    events = []
    for n in range(offset, offset + count):
        start = datetime.combine(today + timedelta(days=n % 60), clock(8 + n % 11), tzinfo=recurrence.REUNION)
        key = uuid.uuid4()
        events.append(
            Event(
                title=f"Atelier banc {n}",
                summary="Un atelier du banc d'essai.",
                owner=organisations[n % len(organisations)],
                place=places[n % len(places)],
                start=start,
                end=start + timedelta(hours=2),
                recurrence_rule="FREQ=WEEKLY;COUNT=8" if n % 10 == 0 else "",
                is_free=n % 3 != 0,
                price="" if n % 3 != 0 else "5 €",
                live=True,
                visibility="public",
                locale=french,
                translation_key=key,
                uid=f"{key}@caserurale.re",
            )
        )
    events = Event.objects.bulk_create(events, batch_size=1000)
    occurrences = []
    for event in events:
        first, last = event.occurrence_bounds()
        for begins, ends in recurrence.expand(first, last, event.recurrence_rule, []):
            occurrences.append(Occurrence(event=event, start=as_datetime(begins), end=as_datetime(ends)))
    Occurrence.objects.bulk_create(occurrences, batch_size=2000)
    Event.themes.through.objects.bulk_create(
        [Event.themes.through(event_id=event.pk, theme_id=theme.pk) for event in events[::4]]
    )
    access.bulk_sync_object_permissions(
        Event.objects.filter(pk__in=[event.pk for event in events]).select_related(
            "owner__members_group", "owner__admins_group"
        )
    )
    return events


def measure_growth(organisations, progress, repeat=10, growth=GROWTH):
    from django.test import Client
    from django.utils import timezone

    from agenda.models import Event
    from bench.database import analyze, measure_page, print_table

    today = timezone.localdate()
    client = Client()
    rows = []
    total = 0
    for size in growth:
        add_events(size - total, organisations, total)
        analyze()
        total = size
        progress("events", total, growth[-1])
        event = Event.objects.filter(title__startswith="Atelier banc").order_by("pk").first()
        pages = [
            "/agenda/",
            "/agenda/?theme=numerique&gratuit=1",
            f"/agenda/mois/{today.year}/{today.month}/",
            f"/rcf/agenda/mois/{today.year}/{today.month}/",
            f"/agenda/evenement/{event.pk}/",
        ]
        for page in pages:
            rows.append((size, page, *measure_page(client, page, repeat, max_seconds=10)))
    print_table("events", rows, page_width=56)
