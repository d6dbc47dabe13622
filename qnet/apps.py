from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QnetConfig(AppConfig):
    name = "qnet"
    verbose_name = _("Organisations and people")

    def ready(self):
        from django.db import connections

        from qnet import caching, dashboard, signals  # noqa: F401

        # Connections opened before this point missed connection_created.
        for connection in connections.all(initialized_only=True):
            caching.install_write_tracking(connection)

        dashboard.register(
            dashboard.organisations_panel,
            order=100,
            depends_on=dashboard.ORGANISATIONS_DEPENDS_ON,
        )
