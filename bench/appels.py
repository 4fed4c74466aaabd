"""Funding calls as they grow: from 10 to 10,000 calls, what the public page, the partners' list and
calendar, and the API cost."""

import uuid
from datetime import timedelta

GROWTH = (10, 100, 1000, 10_000)


def add_calls(count, organisations, offset):
    """``count`` calls at three visibility levels with one or two deadlines each, in a few queries."""
    from django.utils import timezone
    from wagtail.models import Locale

    from annuaire import access
    from appels.models import Deadline, FundingCall

    french = Locale.objects.get(language_code="fr")
    today = timezone.localdate()
    levels = ["public", "partners", "organisation"]
    calls = FundingCall.objects.bulk_create(
        [
            FundingCall(
                title=f"Appel banc {n}",
                summary="Un appel du banc d'essai.",
                owner=organisations[n % len(organisations)],
                visibility=levels[n % 3],
                kind=["aap", "ami", "grant"][n % 3],
                perimeter="reunion",
                locale=french,
                translation_key=uuid.uuid4(),
            )
            for n in range(offset, offset + count)
        ],
        batch_size=1000,
    )
    deadlines = []
    for index, call in enumerate(calls):
        deadlines.append(Deadline(call=call, due_on=today + timedelta(days=(index % 120) - 20)))
        if index % 4 == 0:
            deadlines.append(Deadline(call=call, due_on=today + timedelta(days=(index % 120) + 30), kind="other"))
    Deadline.objects.bulk_create(deadlines, batch_size=2000)
    FundingCall.objects.filter(pk__in=[call.pk for call in calls]).refresh_deadline_dates()
    access.bulk_sync_object_permissions(
        FundingCall.objects.filter(pk__in=[call.pk for call in calls]).select_related(
            "owner__members_group", "owner__admins_group"
        )
    )


def measure_growth(organisations, member, progress, repeat=10, growth=GROWTH):
    from django.test import Client
    from django.utils import timezone

    from bench.database import analyze, measure_page, print_table

    today = timezone.localdate()
    anonymous, partner = Client(), Client()
    partner.force_login(member)
    pages = [
        (anonymous, "/financer-mon-projet/"),
        (anonymous, "/rcf/financer-mon-projet/?ouverts=1"),
        (anonymous, "/api/v1/funding-calls/?limit=20"),
        (partner, "/extranet/appels/"),
        (partner, "/extranet/appels/?statut=closing_soon&cloture_sous=30"),
        (partner, f"/extranet/appels/echeances/{today.year}/{today.month}/"),
        (partner, "/extranet/"),
    ]
    rows, total = [], 0
    for size in growth:
        add_calls(size - total, organisations, total)
        analyze()
        total = size
        progress("funding calls", total, growth[-1])
        for client, page in pages:
            rows.append((size, page, *measure_page(client, page, repeat, max_seconds=10)))
    print_table("calls", rows, page_width=56)
