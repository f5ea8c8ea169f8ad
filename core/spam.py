"""Protection of public forms against bulk spam, without external services.

Three layers: a honeypot field people never see, a signed timestamp that
rejects forms submitted faster than a person can type, and a per-address
limit of submissions per hour (in the cache, Redis in production).
"""

from __future__ import annotations

import hashlib
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .net import client_ip

_SALT = "gastvrij.spam.started"


def started_value() -> str:
    """The signed "form shown at" timestamp of a public form (also put into cached pages)."""
    return signing.dumps(time.time(), salt=_SALT)


class SpamProtectedForm(forms.Form):
    """Mix into a public form. Its errors never reveal which trap fired."""

    website_url = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    form_started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["form_started"] = started_value()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website_url"):
            raise forms.ValidationError(_("Your submission looks automated. Please try again."), code="spam")
        try:
            started = float(signing.loads(cleaned.get("form_started") or "", salt=_SALT, max_age=24 * 3600))
        except (signing.BadSignature, TypeError, ValueError):
            # Keep what was typed; give a fresh timestamp so the next submit works.
            self.data = self.data.copy()
            self.data["form_started"] = signing.dumps(time.time() - settings.SPAM_MIN_SECONDS, salt=_SALT)
            raise forms.ValidationError(
                _("This form has expired. Please check your answers and send it again."), code="expired"
            ) from None
        if time.time() - started < settings.SPAM_MIN_SECONDS:
            raise forms.ValidationError(
                _("That was very quick. Please check your answers and send again."), code="fast"
            )
        return cleaned


def _client_key(request: HttpRequest, scope: str) -> str:
    address = client_ip(request)
    digest = hashlib.sha256(address.encode()).hexdigest()[:24]
    return f"spam:{scope}:{digest}:{int(time.time() // 3600)}"


def over_rate_limit(request: HttpRequest, scope: str) -> bool:
    """Count one submission for this address; True when the hourly limit is passed."""
    key = _client_key(request, scope)
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=3600)
        count = 1
    return count > settings.SPAM_MAX_PER_HOUR
