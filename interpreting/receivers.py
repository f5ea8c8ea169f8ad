"""An interpreter erased at their request (``volunteers.services.erase``): their reasons to
decline or withdraw are their own words and go too, and their links stop working. The asks
stay, without them, so the family's record keeps who was asked when (decision 0025)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from volunteers.models import Volunteer

from .models import InterpreterAsk


@receiver(post_save, sender=Volunteer, dispatch_uid="interpreting.forget_erased_interpreter")
def forget_erased_interpreter(sender: Any, instance: Volunteer, **kwargs: Any) -> None:
    if instance.erased_at is None:
        return
    InterpreterAsk.objects.filter(volunteer=instance).update(reason="", link_hash="", link_expires_at=None)
