"""Background tasks of the Toolkit."""

from django_tasks import task


@task()
def send_question_digests() -> int:
    """The daily digest of new answers on followed questions (at most one e-mail a day each)."""
    from . import services

    return services.send_question_digests()
