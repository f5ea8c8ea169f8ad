from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = _("Member groups")

    def ready(self) -> None:
        from . import homes

        homes.register()  # the home panels and group tools (core/homes.py, core/navigation.py)
