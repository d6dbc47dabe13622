from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from events import demo, panels
        from qnet import dashboard
        from qnet import demo as qnet_demo

        dashboard.register(
            panels.upcoming_events_panel,
            order=200,
            depends_on=panels.upcoming_depends_on,
            expires=panels.upcoming_expires,
        )
        qnet_demo.register_seeder(demo.seed_events, order=200)
