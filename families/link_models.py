"""The family's own link (decision 0022): a revocable secret link plus a short code sent to
the family separately. Only hashes are stored; wrong codes count, and after
``MAX_TRIES`` the link pauses for ``PAUSE``."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

MAX_TRIES = 5
PAUSE = timedelta(minutes=15)
CODE_DIGITS = 6

# The nine languages of the family's view (and only of that view). Dari is written ``fa``
# (Persian; Django knows no ``prs``): the texts are Dari as spoken in Afghanistan.
FAMILY_LANGUAGES = [
    ("nl", "Nederlands"),
    ("fr", "Français"),
    ("en", "English"),
    ("ar", "العربية"),
    ("fa", "دری"),
    ("ps", "پښتو"),
    ("ti", "ትግርኛ"),
    ("so", "Soomaali"),
    ("uk", "Українська"),
]
RTL_LANGUAGES = {"ar", "fa", "ps"}


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def hash_code(code: str, token_hash: str) -> str:
    """A six-digit code has few values: keyed with the secret key and salted per link."""
    return salted_hmac("gastvrij.families.code", f"{token_hash}:{code}", algorithm="sha256").hexdigest()


class FamilyLink(models.Model):
    trajectory = models.ForeignKey("families.Trajectory", on_delete=models.CASCADE, related_name="family_links")
    token_hash = models.CharField(max_length=64, unique=True)
    code_hash = models.CharField(max_length=64)
    language = models.CharField(_("language of the family's view"), max_length=5, choices=FAMILY_LANGUAGES)
    failed_tries = models.PositiveSmallIntegerField(default=0)
    paused_until = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def issue(self) -> tuple[str, str]:
        """New secrets: the link's token and the code (shown once, never stored)."""
        token = secrets.token_urlsafe(24)
        code = "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))
        self.token_hash = hash_token(token)
        self.code_hash = hash_code(code, self.token_hash)
        return token, code

    def code_matches(self, code: str) -> bool:
        return constant_time_compare(hash_code(code.strip(), self.token_hash), self.code_hash)

    @property
    def is_paused(self) -> bool:
        return self.paused_until is not None and self.paused_until > timezone.now()

    @property
    def rtl(self) -> bool:
        return self.language in RTL_LANGUAGES
