"""Render e-mails in the recipient's language and send them after commit."""

from __future__ import annotations

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from .tasks import send_email


def queue_email(to: str | list[str], template: str, context: dict, *, language: str = "nl") -> None:
    """Render ``<template>_subject.txt`` and ``<template>_body.txt`` and queue them.

    The task is enqueued only once the current transaction commits, so a rolled
    back write never sends mail.
    """
    recipients = [to] if isinstance(to, str) else list(to)
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    transaction.on_commit(lambda: send_email.enqueue(recipients, subject, body))
