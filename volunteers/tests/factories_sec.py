"""Small helpers for the secretariat's and the volunteer's own tests: volunteers and their
engagements with chosen dates (days ago)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from places.models import PostalCode
from volunteers.models import Engagement, Status, StatusChange, Volunteer


def days_ago(days: float, now: datetime | None = None) -> datetime:
    return (now or timezone.now()) - timedelta(days=days)


def make_volunteer(name: str = "Lena Leeman", *, email: str = "", postcode: str | None = "2800", **fields) -> Volunteer:
    volunteer = Volunteer(full_name=name, email=email or f"{name.split()[0].lower()}@example.org", **fields)
    if postcode:
        place = PostalCode.objects.filter(code=postcode).select_related("municipality").first()
        assert place is not None
        volunteer.postal_code, volunteer.municipality = place, place.municipality
        volunteer.latitude, volunteer.longitude = place.latitude, place.longitude
    volunteer.new_token()
    volunteer.consent_at = timezone.now()
    volunteer.save()
    return volunteer


def make_engagement(volunteer: Volunteer, organisation, *, created: float, **dates_and_fields) -> Engagement:
    """An engagement created ``created`` days ago; ``contacted``, ``activated``, ``stopped``
    (days ago) set those dates; other keywords go to the model."""
    fields: dict = {"created_at": days_ago(created)}
    for name in ("contacted", "activated", "stopped"):
        if name in dates_and_fields:
            fields[f"{name}_at"] = days_ago(dates_and_fields.pop(name))
    fields.update(dates_and_fields)
    if "status" not in fields:
        fields["status"] = (
            Status.STOPPED if "stopped_at" in fields else Status.ACTIVE if "activated_at" in fields else Status.LEAD
        )
    if fields["status"] == Status.STOPPED:  # the database holds: stopped iff a reason and a date
        fields.setdefault("stop_reason", "other")
        fields.setdefault("stopped_at", fields["created_at"])
    engagement = Engagement.objects.create(volunteer=volunteer, organisation=organisation, **fields)
    StatusChange.objects.create(engagement=engagement, status=Status.LEAD, changed_at=fields["created_at"])
    return engagement
