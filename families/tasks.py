"""The families app's background task: an invitation with a calendar file (.ics)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django_tasks import task


@task()
def send_invitation(to: list[str], subject: str, body: str, ics: str) -> int:
    """Deliver one rendered invitation with its .ics. Neither carries family details."""
    message = EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to)
    message.attach("netwerkoverleg.ics", ics, "text/calendar")
    return message.send()
