from django.apps import AppConfig


class FamiliesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "families"
    verbose_name = "Gezinnen"

    def ready(self) -> None:
        from . import homes

        homes.register()
