"""The bookings' models, where Django and the other apps find them.

Inside the app, import from the module that defines the class (reservations.rules, reservations.bookings).
"""

from reservations.bookings import Booking, BookingQuerySet, Status
from reservations.notices import BookingNotice
from reservations.rules import Blackout, BookingRules

__all__ = ["Blackout", "Booking", "BookingNotice", "BookingQuerySet", "BookingRules", "Status"]
