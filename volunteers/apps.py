from django.apps import AppConfig


class VolunteersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "volunteers"
    verbose_name = "Vrijwilligers"

    def ready(self) -> None:
        from organisations.signals import invitation_accepted

        from . import homes, services

        homes.register()

        invitation_accepted.connect(services.on_invitation_accepted, dispatch_uid="volunteers.invitation_accepted")
