"""Services for the tests, made through the services (so they are indexed and audited)."""

from __future__ import annotations

from places.models import Municipality

from .. import services
from ..models import Location, Organization, Service


def municipality(name: str) -> Municipality:
    return Municipality.objects.get(name_nl=name)


def make_service(
    name: str = "Sociaal huis Mechelen",
    *,
    organization: str = "OCMW Mechelen",
    place: str = "Mechelen",
    postcode: str = "",
    areas: list[str] | None = None,
    domains: list[str] | None = None,
    languages: list[str] | None = None,
    publish: bool = True,
    proposed_by=None,
    **fields,
) -> Service:
    service = Service(name=name, description=fields.pop("description", f"{name}: hulp en advies."), **fields)
    service.domain_codes = domains if domains is not None else ["housing"]
    service.language_codes = languages if languages is not None else ["nl"]
    return services.save_entry(
        organization=Organization(name=organization),
        location=Location(municipality=municipality(place), postcode=postcode),
        service=service,
        areas=[municipality(a) for a in areas or []],
        proposed_by=proposed_by,
        publish=publish,
    )
