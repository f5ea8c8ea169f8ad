"""The GDPR register lists every field of every model of the app, and says "encrypted"
exactly of the encrypted ones."""

from __future__ import annotations

from pathlib import Path

from django.apps import apps
from django.conf import settings

from core.fields import EncryptedTextField

REGISTER = Path(settings.BASE_DIR) / "docs" / "privacy" / "register-referrals.md"


def test_the_register_lists_every_field_of_the_models():
    listed = {}
    for line in REGISTER.read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0] not in ("model", "---"):
            listed[(cells[0], cells[1])] = cells[3] == "encrypted"
    fields = {
        (model.__name__, field.name): isinstance(field, EncryptedTextField)
        for model in apps.get_app_config("referrals").get_models()
        for field in model._meta.get_fields()
        if field.concrete or (field.many_to_many and not field.auto_created)
    }
    assert set(listed) == set(fields), (set(fields) - set(listed), set(listed) - set(fields))
    assert listed == fields
