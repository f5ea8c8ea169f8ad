from django.apps import AppConfig


class SocialmapConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "socialmap"
    verbose_name = "Sociale kaart"

    def ready(self) -> None:
        from . import audit, homes  # noqa: F401

        homes.register()
