"""Import the existing member list from CSV or XLSX. All rows or none.

Every row is checked first; if any row is wrong the report lists each problem
with its row number and nothing is saved.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import audit
from core.text import clean_email, clean_name
from places.models import PostalCode
from places.services import match_postcode

from . import services
from .models import (
    ACTIVITY_LABELS,
    Activity,
    Invitation,
    LegalForm,
    MembershipEvent,
    MembershipStatus,
    Organisation,
    Role,
)

COLUMNS = [
    ("name", gettext_lazy("name of the group (required)")),
    ("legal_form", gettext_lazy("vzw, feitelijke vereniging or other (required)")),
    ("postcode", gettext_lazy("postcode of the group's base (required)")),
    ("activities", gettext_lazy("activity codes or names, separated by ;")),
    ("email", gettext_lazy("public e-mail address")),
    ("website", gettext_lazy("website")),
    ("phone", gettext_lazy("phone")),
    ("description", gettext_lazy("what the group does")),
    ("member_since", gettext_lazy("date, as 2019-03-01 or 01/03/2019")),
    ("coordinator_name", gettext_lazy("contact person")),
    ("coordinator_email", gettext_lazy("contact person's e-mail: receives an invitation")),
]
MAX_ROWS = 10_000
# The longest value each column may hold: the length of the field it is stored in.
_COLUMN_FIELDS = {
    "name": Organisation._meta.get_field("name"),
    "email": Organisation._meta.get_field("public_email"),
    "website": Organisation._meta.get_field("website"),
    "phone": Organisation._meta.get_field("phone"),
    "description": Organisation._meta.get_field("description"),
    "coordinator_name": Invitation._meta.get_field("full_name"),
    "coordinator_email": Invitation._meta.get_field("email"),
}
LIMITS: dict[str, int] = {column: field.max_length for column, field in _COLUMN_FIELDS.items()}  # type: ignore[attr-defined,misc]
_LEGAL_FORMS = {
    "vzw": LegalForm.VZW,
    "asbl": LegalForm.VZW,
    "feitelijke vereniging": LegalForm.FEITELIJKE_VERENIGING,
    "fv": LegalForm.FEITELIJKE_VERENIGING,
    "association de fait": LegalForm.FEITELIJKE_VERENIGING,
    "other": LegalForm.OTHER,
    "andere": LegalForm.OTHER,
    "autre": LegalForm.OTHER,
}


@dataclass
class ImportReport:
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row number as the user sees it, message)
    created: int = 0
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


class FileRejected(ValueError):
    pass


def _read_rows(upload) -> list[dict[str, str]]:
    raw = upload.read()
    if raw.startswith(b"%PDF"):
        raise FileRejected(_("This file is a PDF. Please upload the member list as CSV or XLSX."))
    if raw.startswith(b"PK\x03\x04"):
        return _read_xlsx(raw)
    if upload.name.lower().endswith((".xlsx", ".xls")):
        raise FileRejected(_("This file is not a real XLSX workbook. Save it from your spreadsheet as .xlsx or .csv."))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRejected(
            _(
                "This CSV file is not in UTF-8 encoding. In your spreadsheet choose "
                "“Save as” → “CSV UTF-8”, or upload the XLSX file."
            )
        ) from None
    if "\x00" in text:
        raise FileRejected(_("This file is not a CSV text file. Please upload CSV or XLSX."))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = list(csv.reader(io.StringIO(text), dialect))
    except csv.Error:
        raise FileRejected(_("This CSV file cannot be read: a cell is too long or a quote is not closed.")) from None
    return _to_dicts(rows)


def _read_xlsx(raw: bytes) -> list[dict[str, str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise FileRejected(_("This file is not a readable XLSX workbook. Save it again as .xlsx or .csv.")) from None
    # The first sheet with cells: a chart sheet (a chart on a sheet of its own) has none.
    sheet = next((ws for ws in workbook.worksheets if hasattr(ws, "iter_rows")), None)
    if sheet is None:
        workbook.close()
        raise FileRejected(_("This workbook has no sheet with cells, only charts. Put the member list on a sheet."))
    rows = []
    for row in sheet.iter_rows(values_only=True):
        rows.append(["" if v is None else (v.date().isoformat() if isinstance(v, datetime) else str(v)) for v in row])
        if len(rows) > MAX_ROWS + 1:
            break
    workbook.close()
    return _to_dicts(rows)


def _to_dicts(rows: list[list[str]]) -> list[dict[str, str]]:
    if not rows:
        raise FileRejected(_("The file is empty."))
    header = [str(h).strip().lower() for h in rows[0]]
    missing = [c for c, _label in COLUMNS[:3] if c not in header]
    if missing:
        raise FileRejected(_("The first row must name the columns; missing: %(cols)s.") % {"cols": ", ".join(missing)})
    if len(rows) - 1 > MAX_ROWS:
        raise FileRejected(_("The file has more than %(max)s rows. Split it into smaller files.") % {"max": MAX_ROWS})
    return [
        {key: (row[i].strip() if i < len(row) and row[i] is not None else "") for i, key in enumerate(header)}
        for row in rows[1:]
        if any(str(cell).strip() for cell in row)
    ]


def _shown(value: str) -> str:
    """A cell's value as the report quotes it: a long one cut short."""
    return value if len(value) <= 60 else value[:60] + "…"


def _parse_date(value: str) -> date | None:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(value)


def _activity_lookup() -> dict[str, Activity]:
    lookup: dict[str, Activity] = {}
    for activity in Activity.objects.all():
        lookup[activity.code] = activity
        for lang_label in {str(ACTIVITY_LABELS.get(activity.code, "")).lower()}:
            lookup[lang_label] = activity
    return lookup


def _validate(rows: list[dict[str, str]], report: ImportReport) -> list[dict]:
    activities = _activity_lookup()
    postcodes: dict[str, PostalCode] = {}
    for pc in PostalCode.objects.select_related("municipality").order_by("code", "latitude"):
        postcodes.setdefault(pc.code, pc)
    existing = {n.lower() for n in Organisation.objects.values_list("name", flat=True)}
    seen: set[str] = set()
    email_ok, url_ok = EmailValidator(), URLValidator()
    valid = []
    for number, row in enumerate(rows, start=2):
        problems = []
        row = {
            **row,
            "email": clean_email(row.get("email", "")),
            "coordinator_email": clean_email(row.get("coordinator_email", "")),
            "coordinator_name": clean_name(row.get("coordinator_name", "")),
        }
        name = clean_name(row.get("name", ""))
        if not name:
            problems.append(_("the name is missing"))
        elif len(name) > LIMITS["name"]:
            problems.append(_("the name is longer than %(limit)s characters") % {"limit": LIMITS["name"]})
        elif name.lower() in existing:
            problems.append(_("a member group called “%(name)s” already exists") % {"name": name})
        elif name.lower() in seen:
            problems.append(_("“%(name)s” appears twice in the file") % {"name": name})
        seen.add(name.lower())
        legal = _LEGAL_FORMS.get(row.get("legal_form", "").strip().lower())
        if legal is None:
            problems.append(
                _("legal form “%(value)s” is not vzw, feitelijke vereniging or other")
                % {"value": _shown(row.get("legal_form", ""))}
            )
        code = match_postcode(row.get("postcode", ""))
        postcode = postcodes.get(code) if code else None
        if postcode is None:
            problems.append(
                _("postcode “%(value)s” is not a known Belgian postcode") % {"value": _shown(row.get("postcode", ""))}
            )
        chosen = []
        for part in filter(None, (p.strip().lower() for p in row.get("activities", "").split(";"))):
            if part in activities:
                chosen.append(activities[part])
            else:
                problems.append(_("unknown activity “%(value)s”") % {"value": _shown(part)})
        for column in ("email", "website", "phone", "description", "coordinator_name", "coordinator_email"):
            if len(row.get(column, "")) > LIMITS[column]:
                message = _("the %(column)s is longer than %(limit)s characters")
                problems.append(message % {"column": column, "limit": LIMITS[column]})
        for column, validator in (("email", email_ok), ("coordinator_email", email_ok), ("website", url_ok)):
            if row.get(column) and len(row[column]) <= LIMITS[column]:
                try:
                    validator(row[column])
                except ValidationError:
                    problems.append(
                        _("“%(value)s” is not a valid %(column)s") % {"value": row[column], "column": column}
                    )
        since = None
        if row.get("member_since"):
            try:
                since = _parse_date(row["member_since"])
            except ValueError:
                problems.append(
                    _("date “%(value)s” is not a date like 2019-03-01") % {"value": _shown(row["member_since"])}
                )
        if problems:
            report.errors.append((number, "; ".join(problems)))
        else:
            valid.append(
                {
                    "name": name,
                    "legal_form": legal,
                    "postcode": postcode,
                    "activities": chosen,
                    "since": since,
                    "row": row,
                    "number": number,
                }
            )
    return valid


def import_file(upload, *, acting_user) -> ImportReport:
    report = ImportReport()
    try:
        rows = _read_rows(upload)
    except FileRejected as exc:
        report.errors.append((0, str(exc)))
        return report
    report.rows = len(rows)
    valid = _validate(rows, report)
    if report.errors:
        return report
    with transaction.atomic():
        for item in valid:
            row = item["row"]
            org = Organisation(
                name=item["name"],
                slug=services.unique_slug(item["name"]),
                legal_form=item["legal_form"],
                municipality=item["postcode"].municipality,
                postal_code=item["postcode"],
                public_email=row.get("email", ""),
                website=row.get("website", ""),
                phone=row.get("phone", ""),
                description=row.get("description", ""),
                member_since=item["since"],
                status=MembershipStatus.MEMBER,
            )
            services.place_organisation(org)
            org.save()
            org.activities.set(item["activities"])
            audit.record("organisation.imported", actor=acting_user, obj=org, row=item["number"])
            MembershipEvent.objects.create(
                organisation=org,
                status=MembershipStatus.MEMBER,
                date=item["since"] or date.today(),
                note=_("Imported"),
                recorded_by=acting_user,
            )
            if row.get("coordinator_email"):
                services.invite_person(
                    org,
                    email=row["coordinator_email"],
                    full_name=row.get("coordinator_name", ""),
                    role=Role.COORDINATOR,
                    acting_user=acting_user,
                )
            report.created += 1
        services.invalidate_figures()
    return report
