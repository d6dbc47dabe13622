from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QnetConfig(AppConfig):
    name = "qnet"
    verbose_name = _("Organisations and people")

    def ready(self):
        from qnet import dashboard, signals  # noqa: F401

        dashboard.register(dashboard.organisations_panel, order=100)
