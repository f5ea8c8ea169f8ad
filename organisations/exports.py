"""Exports of the member directory. CSV streams row by row; XLSX is written to a
temporary file in write-only mode and streamed from there."""

from __future__ import annotations

from collections.abc import Iterator

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit, exports

from .models import Organisation

HEADER = [
    "name",
    "legal_form",
    "status",
    "member_since",
    "postcode",
    "municipality",
    "nis_code",
    "province",
    "activities",
    "email",
    "website",
    "phone",
    "latitude",
    "longitude",
]


def _rows() -> Iterator[list]:
    qs = (
        Organisation.objects.select_related("municipality__province", "postal_code")
        .prefetch_related("activities")
        .order_by("name")
    )
    for org in qs.iterator(chunk_size=500):
        m = org.municipality
        yield [
            org.name,
            org.legal_form,
            org.status,
            org.member_since.isoformat() if org.member_since else "",
            org.postal_code.code if org.postal_code else "",
            m.name_nl,
            m.nis_code,
            m.province.name_nl if m.province else _("Brussels-Capital Region"),
            ";".join(a.code for a in org.activities.all()),
            org.public_email,
            org.website,
            org.phone,
            org.latitude,
            org.longitude,
        ]


def _filename(ext: str) -> str:
    return f"gastvrij-lidgroepen-{timezone.localdate().isoformat()}.{ext}"


def csv_response(*, acting_user) -> StreamingHttpResponse:
    audit.record("organisations.exported", actor=acting_user, format="csv")
    return exports.csv_response(HEADER, _rows(), _filename("csv"))


def xlsx_response(*, acting_user) -> FileResponse:
    audit.record("organisations.exported", actor=acting_user, format="xlsx")
    return exports.xlsx_response(HEADER, _rows(), _filename("xlsx"), sheet="lidgroepen")
