"""Import an HSDS 3 package: another directory's export, as JSON or as the CSV tabular form.

- JSON: a list of services, or ``{"contents": [...]}`` (the HSDS API's page, as our own
  ``/api/v1/hsds/services`` answers), or ``{"organizations": [...], "services": [...]}``. A
  service names its organisation by ``organization_id`` (or nests an ``organization``) and
  has a ``location`` (or ``service_at_locations[0].location``) with a ``postal_code`` or
  ``city``, ``service_areas`` (names or NIS codes), ``languages`` (codes) and our own
  ``x_gastvrij`` fields (life domains, who is welcome).
- CSV (a zip, or a folder): ``organizations.csv`` and ``services.csv`` are required;
  ``locations.csv`` + ``service_at_locations.csv``, ``service_areas.csv`` and
  ``languages.csv`` are read when present.

Every row is checked first and gets a line in the report; nothing is saved when one row
fails (one transaction). Imported services are published (an editor or the secretariat
imports them) and marked verified by the source.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from places.models import Municipality, PostalCode
from places.services import PlaceError, find_municipality, match_postcode
from toolkit.models import LIFE_DOMAINS

from . import search, services
from .models import LANGUAGES, Location, Organization, Service

MAX_ROWS = 100_000
REQUIRED = {
    "organizations.csv": {"id", "name"},
    "services.csv": {"id", "organization_id", "name", "description"},
}
OPTIONAL = {
    "locations.csv": {"id", "name", "address_1", "postal_code", "city"},
    "service_at_locations.csv": {"service_id", "location_id"},
    "service_areas.csv": {"service_id", "name"},
    "languages.csv": {"service_id", "code"},
}
TRUE = {"1", "true", "yes", "ja", "oui", "y"}


class ImportError_(ValueError):
    """The package cannot be read at all (not JSON, missing files or columns)."""


@dataclass
class Row:
    number: int
    name: str
    error: str = ""


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    saved: int = 0

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not any(r.error for r in self.rows)

    @property
    def failed(self) -> list[Row]:
        return [r for r in self.rows if r.error]


# ---------------------------------------------------------------- reading


def read_json(data: bytes) -> list[dict]:
    try:
        payload = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportError_(_("The file is not valid JSON: %(error)s") % {"error": str(exc)[:200]}) from exc
    organizations: dict[str, dict] = {}
    if isinstance(payload, dict) and isinstance(payload.get("organizations"), list):
        organizations = {str(o.get("id")): o for o in payload["organizations"] if isinstance(o, dict)}
    if isinstance(payload, dict):
        payload = payload.get("contents", payload.get("services"))
    if not isinstance(payload, list) or not all(isinstance(s, dict) for s in payload):
        raise ImportError_(_("This is not an HSDS package: expected a list of services."))
    rows = []
    for s in payload:
        org = s.get("organization") if isinstance(s.get("organization"), dict) else None
        org = org or organizations.get(str(s.get("organization_id"))) or {"id": s.get("organization_id")}
        location = s.get("location")
        if not isinstance(location, dict):
            sal = s.get("service_at_locations")
            location = sal[0].get("location") if isinstance(sal, list) and sal and isinstance(sal[0], dict) else None
        rows.append({**s, "organization": org, "location": location if isinstance(location, dict) else None})
    return rows


def _csv(text: str, name: str, columns: set[str]) -> list[dict]:
    reader = csv.DictReader(io.StringIO(text))
    missing = columns - set(reader.fieldnames or [])
    if missing:
        raise ImportError_(
            _("%(file)s lacks the columns: %(columns)s.") % {"file": name, "columns": ", ".join(sorted(missing))}
        )
    return list(reader)


def read_tables(files: dict[str, str]) -> list[dict]:
    """The services of an HSDS tabular package: {file name: text}."""
    for name in REQUIRED:
        if name not in files:
            raise ImportError_(_("The package lacks %(file)s.") % {"file": name})
    orgs = {r["id"]: r for r in _csv(files["organizations.csv"], "organizations.csv", REQUIRED["organizations.csv"])}
    tables = {n: _csv(files[n], n, cols) if n in files else [] for n, cols in OPTIONAL.items()}
    locations = {r["id"]: r for r in tables["locations.csv"]}
    at: dict[str, dict] = {}
    for r in tables["service_at_locations.csv"]:
        at.setdefault(r["service_id"], locations.get(r["location_id"], {}))
    areas: dict[str, list[str]] = {}
    for r in tables["service_areas.csv"]:
        areas.setdefault(r["service_id"], []).append(r["name"])
    languages: dict[str, list[str]] = {}
    for r in tables["languages.csv"]:
        languages.setdefault(r["service_id"], []).append(r["code"])
    rows = []
    for s in _csv(files["services.csv"], "services.csv", REQUIRED["services.csv"]):
        extra = {
            "life_domains": [d.strip() for d in (s.get("x_life_domains") or "").split(",") if d.strip()],
            "no_papers_needed": (s.get("x_no_papers_needed") or "").strip().lower() in TRUE,
            "anonymous_access": (s.get("x_anonymous_access") or "").strip().lower() in TRUE,
        }
        rows.append(
            {
                **s,
                "organization": orgs.get(s["organization_id"], {"id": s["organization_id"]}),
                "location": at.get(s["id"]) or None,
                "service_areas": [{"name": n} for n in areas.get(s["id"], [])],
                "languages": [{"code": c} for c in languages.get(s["id"], [])],
                "x_gastvrij": extra,
            }
        )
    return rows


def read_package(name: str, data: bytes) -> list[dict]:
    """JSON, or a zip of CSV files, by content."""
    if data[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                files = {
                    Path(n).name: archive.read(n).decode("utf-8-sig")
                    for n in archive.namelist()
                    if n.endswith(".csv") and archive.getinfo(n).file_size < 50_000_000
                }
        except (zipfile.BadZipFile, UnicodeDecodeError) as exc:
            raise ImportError_(_("The zip file cannot be read.")) from exc
        return read_tables(files)
    return read_json(data)


def read_path(path: Path) -> list[dict]:
    if path.is_dir():
        return read_tables({p.name: p.read_text(encoding="utf-8-sig") for p in path.glob("*.csv")})
    return read_package(path.name, path.read_bytes())


# ---------------------------------------------------------------- checking and saving


def _text(value: Any, limit: int) -> str:
    text = "" if value is None else str(value).strip()
    if len(text) > limit:
        raise ValueError(_("“%(value)s…” is longer than %(limit)s characters.") % {"value": text[:30], "limit": limit})
    return text


def _place(raw: dict | None) -> tuple[Municipality, str, str, str]:
    if not raw:
        raise ValueError(_("The service has no location."))
    postcode = match_postcode(str(raw.get("postal_code") or "")) or ""
    municipality = None
    if raw.get("nis_code"):
        municipality = Municipality.objects.filter(nis_code=str(raw["nis_code"])).first()
    if municipality is None and raw.get("city"):
        try:
            municipality = find_municipality(str(raw["city"]))
        except PlaceError:
            municipality = None
    if municipality is None and postcode:
        pc = PostalCode.objects.filter(code=postcode).select_related("municipality").first()
        municipality = pc.municipality if pc else None
    if municipality is None:
        raise ValueError(
            _("We do not know the municipality “%(value)s”.")
            % {"value": raw.get("city") or raw.get("postal_code") or "?"}
        )
    return municipality, postcode, _text(raw.get("address_1"), 200), _text(raw.get("name"), 200)


def _check(raw: dict) -> dict:
    org = raw.get("organization") or {}
    name = _text(raw.get("name"), 200)
    if not name:
        raise ValueError(_("The service has no name."))
    org_name = _text(org.get("name"), 200)
    if not org_name:
        raise ValueError(_("The organisation “%(id)s” is not in the package.") % {"id": org.get("id")})
    municipality, postcode, address, place_name = _place(raw.get("location"))
    areas = []
    for area in raw.get("service_areas") or []:
        label = str(area.get("nis_code") or area.get("name") or "") if isinstance(area, dict) else str(area)
        try:
            areas.append(find_municipality(label))
        except PlaceError as exc:
            raise ValueError(str(exc)) from exc
    extra = raw.get("x_gastvrij") or {}
    domains = [d for d in extra.get("life_domains") or [] if d]
    unknown = [d for d in domains if d not in LIFE_DOMAINS]
    if unknown:
        raise ValueError(_("Unknown life domains: %(codes)s.") % {"codes": ", ".join(map(str, unknown))[:100]})
    codes = [
        str(lang.get("code") if isinstance(lang, dict) else lang)[:2].lower() for lang in raw.get("languages") or []
    ]
    phones = raw.get("phones") or []
    schedules = raw.get("schedules") or []
    service = Service(
        name=name,
        description=_text(raw.get("description"), 4000),
        welcome_text=_text(raw.get("eligibility_description"), 500),
        notice=_text(raw.get("alert"), 300),
        email=_text(raw.get("email"), 254),
        website=_text(raw.get("url"), 300),
        phone=_text(phones[0].get("number") if phones and isinstance(phones[0], dict) else "", 30),
        hours=_text(schedules[0].get("description") if schedules and isinstance(schedules[0], dict) else "", 500),
        no_papers_needed=bool(extra.get("no_papers_needed")),
        anonymous_access=bool(extra.get("anonymous_access")),
        is_demo=bool(extra.get("is_demo")),
    )
    service.domain_codes = domains
    service.language_codes = [c for c in codes if c in LANGUAGES]
    service.full_clean(exclude=["organization", "location", "status"], validate_constraints=False)
    return {
        "organization": (
            str(org.get("id") or org_name),
            org_name,
            _text(org.get("description"), 2000),
            _text(org.get("website"), 300),
        ),
        "location": Location(municipality=municipality, postcode=postcode, address=address, name=place_name),
        "service": service,
        "areas": areas,
    }


Progress = Callable[[int], None]


def check_rows(rows: list[dict], *, progress: Progress | None = None, every: int = 250) -> tuple[Report, list[dict]]:
    """Check every row (reads only, no transaction): the report, and the rows ready to save.
    ``progress(done)`` is called every ``every`` rows and at the end."""
    from django.core.exceptions import ValidationError

    report = Report()
    checked: list[dict] = []
    if len(rows) > MAX_ROWS:
        report.rows.append(Row(0, "", _("At most %(max)s services at once.") % {"max": MAX_ROWS}))
        return report, checked
    for number, raw in enumerate(rows, start=1):
        name = str(raw.get("name") or "")[:200] if isinstance(raw, dict) else ""
        try:
            checked.append(_check(raw))
            report.rows.append(Row(number, name))
        except ValidationError as exc:
            report.rows.append(Row(number, name, " ".join(m for msgs in exc.message_dict.values() for m in msgs)))
        except (ValueError, TypeError, AttributeError) as exc:
            report.rows.append(Row(number, name, str(exc) or _("This row cannot be read.")))
        if progress and (number % every == 0 or number == len(rows)):
            progress(number)
    return report, checked


def save_checked(checked: list[dict], *, user=None, progress: Progress | None = None, every: int = 250) -> int:
    """Save rows ``check_rows`` passed, all in one transaction, or none. ``progress(saved)`` is
    called inside the transaction: it must write where other connections see it (the cache)."""
    with transaction.atomic():
        organizations: dict[str, Organization] = {}
        now = timezone.now()
        for number, item in enumerate(checked, start=1):
            key, org_name, description, website = item["organization"]
            if key not in organizations:
                organizations[key] = Organization.objects.create(
                    name=org_name, description=description, website=website, is_demo=item["service"].is_demo
                )
            item["service"].verified_at, item["service"].verified_by = now, _("import")
            services.save_entry(
                organization=organizations[key],
                location=item["location"],
                service=item["service"],
                areas=item["areas"],
                proposed_by=user,
                publish=True,
                actor_role="" if user else "import",
                audit_each=False,
                index=False,
            )
            if progress and (number % every == 0 or number == len(checked)):
                progress(number)
        search.index_new_services([item["service"].pk for item in checked])
        audit.record("socialmap.imported", actor=user, actor_role="" if user else "import", services=len(checked))
    return len(checked)


def import_rows(rows: list[dict], *, user=None, dry_run: bool = False) -> Report:
    """Check every row, then save all of them in one transaction, or none (the command; the
    editors' page goes through an ``ImportJob``, socialmap/imports.py)."""
    report, checked = check_rows(rows)
    if report.ok and not dry_run:
        report.saved = save_checked(checked, user=user)
    return report
