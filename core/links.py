"""Absolute links for what leaves a request: e-mails and background tasks.

Pages and the API build their links from the request they answer; an e-mail has no
request, so its links use the public address in ``GASTVRIJ_SITE_URL``.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse


def absolute_url(target: str, *args: object) -> str:
    """The public address of a view (``absolute_url("volunteers:inbox", slug)``) or of a
    path that starts with ``/`` (``absolute_url(page.get_absolute_url())``)."""
    path = target if target.startswith("/") else reverse(target, args=args)
    return settings.SITE_URL + path
