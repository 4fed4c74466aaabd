"""Demo bookings: the Alambic's meeting room with its rules, a few requests next week. Idempotent."""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from annuaire.models import Organisation
from extranet.models import Resource
from reservations.bookings import Booking, Status
from reservations.rules import BookingRules

ROOM = "Salle de réunion de l'Alambic"
# (requesting organisation, requester, weekday of next week, from, until, what for, people, approved)
REQUESTS = [
    ("Cyberun", "membre@cyberun.re", 1, 9, 12, "Atelier « premiers pas sur ordinateur »", 8, True),
    ("Cyberun", "membre@cyberun.re", 3, 14, 16, "Réunion de l'équipe du Fablab", 5, False),
]


@transaction.atomic
def run(progress):
    room = Resource.objects.filter(name=ROOM).first()
    if room is None or Booking.objects.filter(resource=room).exists():
        return
    progress(f"Réservations de « {ROOM} »")
    defaults = {"buffer_minutes": 30, "min_notice_hours": 48}
    rules = BookingRules.objects.get_or_create(resource=room, defaults=defaults)[0]
    zone = timezone.get_current_timezone()
    monday = timezone.localdate() + timedelta(days=7 - timezone.localdate().weekday())
    users = {user.username: user for user in get_user_model().objects.filter(username__in=[r[1] for r in REQUESTS])}
    for organisation, username, weekday, starts, ends, purpose, people, approved in REQUESTS:
        day = monday + timedelta(days=weekday)
        starts_at = datetime.combine(day, time(starts), tzinfo=zone)
        ends_at = datetime.combine(day, time(ends), tzinfo=zone)
        Booking.objects.create(
            resource=room,
            organisation=Organisation.objects.get(name=organisation),
            requested_by=users.get(username),
            starts_at=starts_at,
            ends_at=ends_at,
            blocks_until=ends_at + rules.buffer,
            purpose=purpose,
            people=people,
            status=Status.APPROVED if approved else Status.PENDING,
            holds_slot=rules.pending_holds_slot,
        )
