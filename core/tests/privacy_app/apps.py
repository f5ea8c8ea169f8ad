from django.apps import AppConfig


class PrivacyAppConfig(AppConfig):
    """A test-only app (installed by gastvrij/settings_test.py) whose one model uses every
    field of core/fields.py, so the encryption is tested on its own, before any real app uses it."""

    name = "core.tests.privacy_app"
    label = "privacy_app"
    default_auto_field = "django.db.models.BigAutoField"
