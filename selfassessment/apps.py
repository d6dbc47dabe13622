from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelfAssessmentConfig(AppConfig):
    name = "selfassessment"
    verbose_name = _("Self-assessment")

    def ready(self):
        from qnet import dashboard
        from qnet import demo as qnet_demo
        from selfassessment import demo, panels

        dashboard.register(
            panels.selfassessment_panel,
            order=300,
            depends_on=panels.SELFASSESSMENT_DEPENDS_ON,
            shared_by=panels.shared_by,
        )
        qnet_demo.register_seeder(demo.seed_selfassessment, order=300)
