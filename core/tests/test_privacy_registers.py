"""Each GDPR register of processing activities (``docs/privacy/register-<app>.md``) lists every
field of every model of its app, and says "encrypted" exactly of the encrypted ones
(decision 0018): the register cannot fall behind the models."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from core.fields import EncryptedTextField

PRIVACY = Path(settings.BASE_DIR) / "docs" / "privacy"
REGISTERS = sorted(p.stem.removeprefix("register-") for p in PRIVACY.glob("register-*.md"))


def test_the_apps_with_personal_data_have_a_register():
    assert {"families", "referrals", "interpreting"} <= set(REGISTERS)


@pytest.mark.parametrize("app", REGISTERS)
def test_the_register_lists_every_field_of_the_models(app):
    listed = {}
    for line in (PRIVACY / f"register-{app}.md").read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0] not in ("model", "---"):
            listed[(cells[0], cells[1])] = cells[3] == "encrypted"
    fields = {
        (model.__name__, field.name): isinstance(field, EncryptedTextField)
        for model in apps.get_app_config(app).get_models()
        for field in model._meta.get_fields()
        if field.concrete or (field.many_to_many and not field.auto_created)
    }
    assert set(listed) == set(fields), (set(fields) - set(listed), set(listed) - set(fields))
    assert listed == fields
