from django.apps import AppConfig


class InterpretingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "interpreting"
    verbose_name = "Tolken"

    def ready(self) -> None:
        from . import audit, receivers  # noqa: F401
