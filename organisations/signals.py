"""Signals other apps listen to, so that organisations does not import them."""

from django.dispatch import Signal

# Sent inside the transaction that accepts an invitation: ``invitation``, ``member``.
invitation_accepted = Signal()
