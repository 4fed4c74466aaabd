from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppelsConfig(AppConfig):
    name = "appels"
    verbose_name = _("Funding calls")

    def ready(self):
        from appels import directory_sections, signals  # noqa: F401
