from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Quality reports")

    def ready(self):
        from qnet import dashboard
        from qnet import demo as qnet_demo
        from reports import demo, panels

        dashboard.register(
            panels.reports_panel,
            order=400,
            depends_on=panels.REPORTS_DEPENDS_ON,
            shared_by=panels.shared_by,
        )
        # After the results, cycles, events and coalitions the chapters are built from.
        qnet_demo.register_seeder(demo.seed_reports, order=900)
