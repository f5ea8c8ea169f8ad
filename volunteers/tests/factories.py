"""Test data for the public side: vacancies placed at real postcodes."""

from __future__ import annotations

from places.models import PostalCode
from volunteers import matching
from volunteers.models import Vacancy


def make_vacancy(
    org, *, title: str = "Huiswerkbegeleiding", activity=None, postcode: str = "9000", **fields
) -> Vacancy:
    place = PostalCode.objects.filter(code=postcode).select_related("municipality").first()
    assert place is not None, postcode
    vacancy = Vacancy.objects.create(
        organisation=org,
        title=title,
        activity=activity,
        description=fields.pop("description", "Help kinderen met hun huiswerk."),
        municipality=place.municipality,
        postal_code=place,
        latitude=place.latitude,
        longitude=place.longitude,
        **fields,
    )
    matching.invalidate()
    return vacancy
