from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoalitionsConfig(AppConfig):
    name = "coalitions"
    verbose_name = _("Coalitions and learning networks")

    def ready(self):
        from events import groups
        from qnet import dashboard, demo

        from . import demo as coalitions_demo
        from .groups import SOURCE
        from .panels import COALITIONS_DEPENDS_ON, coalitions_panel

        dashboard.register(coalitions_panel, order=300, depends_on=COALITIONS_DEPENDS_ON)
        demo.register_seeder(coalitions_demo.seed, order=400)
        groups.register(SOURCE)
