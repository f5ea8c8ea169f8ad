from __future__ import annotations

from typing import ClassVar

from django.db import models

from core.fields import (
    BlindIndexedModel,
    BlindIndexField,
    EncryptedCharField,
    EncryptedJSONField,
    EncryptedTextField,
)


class Record(BlindIndexedModel):
    """A stand-in for a family's record: one plain field (the control that proves the raw
    database is really read) and one of each encrypted field, with a blind index on ``name``."""

    label = models.CharField(max_length=100, blank=True)
    name = EncryptedCharField(max_length=40, blank=True)
    name_index = BlindIndexField(source="name", purpose="privacy_app.record.name")
    note = EncryptedTextField(blank=True)
    status = EncryptedCharField(max_length=60, null=True, blank=True)
    details = EncryptedJSONField(null=True, blank=True)

    objects: ClassVar[models.Manager[Record]] = models.Manager()  # mypy reads gastvrij.settings, without this app

    class Meta:
        app_label = "privacy_app"
