"""Background tasks shared by every app (django-tasks)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django_tasks import task


@task()
def send_email(to: list[str], subject: str, body: str) -> int:
    """Deliver one already-rendered e-mail. Bodies carry links, never family details."""
    message = EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to)
    return message.send()
