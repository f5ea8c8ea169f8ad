from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "referrals"
    verbose_name = "Doorverwijzingen"

    def ready(self) -> None:
        from . import audit, homes  # noqa: F401
