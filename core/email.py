"""Render e-mails in the recipient's language and send them after commit."""

from __future__ import annotations

from django.db import transaction
from django.template import Context
from django.template.loader import get_template
from django.utils import translation

from .tasks import send_email


def render_plain(name: str, context: dict) -> str:
    """A plain-text template rendered without HTML escaping: e-mails are text, so a group
    called "'t Mechelen & Co" stays that, not "&#x27;t Mechelen &amp; Co"."""
    return get_template(name).template.render(Context(context, autoescape=False))  # type: ignore[attr-defined]


def queue_email(to: str | list[str], template: str, context: dict, *, language: str = "nl") -> None:
    """Render ``<template>_subject.txt`` and ``<template>_body.txt`` and queue them.

    The task is enqueued only once the current transaction commits, so a rolled
    back write never sends mail.
    """
    recipients = [to] if isinstance(to, str) else list(to)
    with translation.override(language):
        subject = " ".join(render_plain(f"{template}_subject.txt", context).split())
        body = render_plain(f"{template}_body.txt", context)
    transaction.on_commit(lambda: send_email.enqueue(recipients, subject, body))
