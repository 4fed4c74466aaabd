"""The extranet's world (three organisations, a circle, one user per role), and a room of A to book."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from annuaire.access import Visibility
from extranet.models import Resource
from reservations.rules import BookingRules
from tests.extranet import conftest as extranet

# The extranet's fixtures, shared.
world = extranet.world
login = extranet.login


def next_weekday(weekday, weeks_ahead=2):
    """A date of that weekday (0 = Monday) at least ``weeks_ahead`` weeks away: past any notice."""
    day = timezone.localdate() + timedelta(weeks=weeks_ahead)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def at(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_current_timezone())


@pytest.fixture
def room(world):
    """A's partners-level room, open Monday to Friday 8–18, with 30 minutes kept free after each booking."""
    resource = world.resources[Visibility.PARTNERS]
    resource.kind = Resource.Kind.ROOM
    resource.capacity = 12
    resource.save()
    BookingRules.objects.create(resource=resource, buffer_minutes=30)
    return resource


@pytest.fixture
def equipment(world):
    resource = world.resources[Visibility.CIRCLE]
    resource.kind = Resource.Kind.EQUIPMENT
    resource.save()
    return resource
