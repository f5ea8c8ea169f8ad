from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        # Each app declares the actions it writes to the audit log in its audit.py.
        autodiscover_modules("audit")
        from .pagecache import connect_signals

        connect_signals()
        from . import converters

        converters.register()  # <id:pk> in every app's urls.py
