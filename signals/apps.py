from django.apps import AppConfig


class SignalsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "signals"
    verbose_name = "Signalen"

    def ready(self) -> None:
        from . import homes

        homes.register()
