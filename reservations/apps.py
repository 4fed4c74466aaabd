from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReservationsConfig(AppConfig):
    name = "reservations"
    verbose_name = _("Bookings")

    def ready(self):
        # The dashboard's sections register themselves when their module is imported.
        from reservations import dashboard  # noqa: F401
