"""Test data for the group side, made through the models (a volunteer needs a token)."""

from __future__ import annotations

import itertools
from datetime import timedelta

from django.utils import timezone

from organisations.models import Activity, Organisation
from places.models import PostalCode
from volunteers.models import Engagement, Status, StatusChange, Vacancy, Volunteer, VolunteerLanguage

_n = itertools.count(1)


def make_volunteer(
    full_name: str = "",
    *,
    email: str | None = None,
    phone: str = "",
    languages: dict[str, str] | None = None,
    activities: list[str] | None = None,
    can_interpret: bool = False,
    interpreter_visible: bool = False,
) -> Volunteer:
    n = next(_n)
    volunteer = Volunteer(
        full_name=full_name or f"Vrijwilliger {n}",
        email=f"vrijwilliger{n}@example.org" if email is None else email,
        phone=phone,
        can_interpret=can_interpret,
        interpreter_visible=interpreter_visible,
        consent_at=timezone.now(),
    )
    volunteer.new_token()
    volunteer.save()
    for code, level in (languages or {}).items():
        VolunteerLanguage.objects.create(volunteer=volunteer, code=code, level=level)
    if activities:
        volunteer.activities.set(Activity.objects.filter(code__in=activities))
    return volunteer


def make_engagement(
    org: Organisation,
    volunteer: Volunteer | None = None,
    *,
    status: str = Status.LEAD,
    days_ago: int = 0,
    vacancy: Vacancy | None = None,
    **volunteer_fields,
) -> Engagement:
    volunteer = volunteer or make_volunteer(**volunteer_fields)
    created = timezone.now() - timedelta(days=days_ago)
    stopped = {"stop_reason": "other", "stopped_at": created} if status == Status.STOPPED else {}
    engagement = Engagement.objects.create(
        volunteer=volunteer, organisation=org, status=status, created_at=created, vacancy=vacancy, **stopped
    )
    StatusChange.objects.create(engagement=engagement, status=status, changed_at=created)
    return engagement


def make_vacancy(org: Organisation, *, title: str = "Huiswerkbegeleiding", postcode: str = "2800", **fields) -> Vacancy:
    pc = PostalCode.objects.select_related("municipality").filter(code=postcode).first()
    assert pc is not None
    return Vacancy.objects.create(
        organisation=org,
        title=title,
        description="Help kinderen met hun huiswerk.",
        municipality=pc.municipality,
        postal_code=pc,
        latitude=pc.latitude,
        longitude=pc.longitude,
        **fields,
    )
