from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolkitConfig(AppConfig):
    name = "toolkit"
    verbose_name = _("Toolkit")

    def ready(self) -> None:
        from . import homes

        homes.register()  # the home panels and group tools (core/homes.py, core/navigation.py)
