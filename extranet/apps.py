from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExtranetConfig(AppConfig):
    name = "extranet"
    verbose_name = _("Partners' extranet")

    def ready(self):
        from extranet import signals  # noqa: F401
