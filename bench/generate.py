"""Generate a large, realistic network for the benchmarks.

Default size: 5,000 member groups at real Belgian postcodes (1-4 activities each, one
coordinator each) and 100,000 volunteers, plus a secretariat account and 25 open
applications so the secretariat dashboard has something to list. Everything is written
with bulk_create in batches; it takes well under a few minutes on either database.

Run on its own (it creates and migrates the database first):

    DATABASE_URL=sqlite:///$PWD/var/bench/bench.sqlite3 .venv/bin/python bench/generate.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gastvrij_bench .venv/bin/python bench/generate.py

It does nothing when the data is already there (the secretariat account marks it).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import sys
import time
import uuid
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_URL = f"sqlite:///{ROOT / 'var' / 'bench' / 'bench.sqlite3'}"

SECRETARIAT_EMAIL = "secretariaat@bench.gastvrij.test"
EMAIL_DOMAIN = "bench.gastvrij.test"
BATCH = 2000

# Ingredients for plausible Flemish/Brussels group and person names.
GROUP_PREFIXES = [
    "Gastvrij",
    "Welkom in",
    "Vluchtelingenwerk",
    "Samen",
    "Buren voor Buren",
    "Taalcafé",
    "Huiswerkklas",
    "Open Huis",
    "Warm Onthaal",
    "Solidair",
]
FIRST_NAMES = [
    "An", "Bart", "Charlotte", "Dirk", "Els", "Fatima", "Geert", "Hanne", "Ilse", "Jan",
    "Karim", "Lotte", "Marc", "Nora", "Omar", "Pieter", "Rania", "Sofie", "Tom", "Wim",
]  # fmt: skip
LAST_NAMES = [
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
    "Wouters", "De Smet", "Dubois", "Lambert", "El Amrani", "Vermeulen", "Hermans", "Aerts",
]  # fmt: skip
AUDIENCES = ["asylum-seekers", "recognised-refugees", "without-residence", "newcomers", "families"]


def database_url() -> str:
    """DATABASE_URL, defaulting to a SQLite file in var/bench (and exporting it for the settings)."""
    url = os.environ.setdefault("DATABASE_URL", DEFAULT_SQLITE_URL)
    return url


def ensure_database(url: str) -> None:
    """Create the SQLite directory or the PostgreSQL database when missing (before Django connects)."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = unquote(parsed.path)
        Path(path[1:] if path.startswith("//") else path).parent.mkdir(parents=True, exist_ok=True)
        return
    import psycopg
    from psycopg import sql

    name = unquote(parsed.path.lstrip("/"))
    with psycopg.connect(
        host=parsed.hostname,
        port=parsed.port or 5432,
        user=unquote(parsed.username or ""),
        password=unquote(parsed.password or "") or None,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"created PostgreSQL database {name}")


def setup_django() -> None:
    """Point Django at the bench settings and start it (call after DATABASE_URL is set)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _batched_create(model, rows: list) -> None:
    model.objects.bulk_create(rows, batch_size=BATCH)


def generate(groups: int = 5000, volunteers: int = 100_000, seed: int = 2800) -> bool:
    """Write the data set; returns False when it was already there."""
    from django.db import transaction
    from django.utils import timezone
    from django.utils.text import slugify

    from accounts.models import User
    from organisations.models import (
        Activity,
        ApplicationStatus,
        MembershipApplication,
        MembershipEvent,
        MembershipStatus,
        Organisation,
        OrganisationMember,
        Role,
    )
    from places.models import PostalCode

    if User.objects.filter(email=SECRETARIAT_EMAIL).exists():
        return False

    rng = random.Random(seed)  # the same data set on every machine and backend
    started = time.perf_counter()
    now = timezone.now()
    activities = list(Activity.objects.values_list("pk", flat=True))
    postcodes = list(PostalCode.objects.filter(latitude__isnull=False).select_related("municipality"))
    if not activities or not postcodes:
        raise SystemExit("No activities or postcodes: run migrate first (it loads them).")

    with transaction.atomic():
        # ---- member groups: unique names and slugs, checked in memory (a fast unique_slug)
        taken_names = {n.lower() for n in Organisation.objects.values_list("name", flat=True)}
        taken_slugs = set(Organisation.objects.values_list("slug", flat=True))
        orgs = []
        for _ in range(groups):
            pc = rng.choice(postcodes)
            place = pc.locality or pc.municipality.name_nl
            base = f"{rng.choice(GROUP_PREFIXES)} {place}"
            name, n = base, 2
            while name.lower() in taken_names:
                name, n = f"{base} {n}", n + 1
            taken_names.add(name.lower())
            slug_base = slugify(name)[:150] or "groep"
            slug, n = slug_base, 2
            while slug in taken_slugs:
                slug, n = f"{slug_base}-{n}", n + 1
            taken_slugs.add(slug)
            orgs.append(
                Organisation(
                    name=name,
                    slug=slug,
                    legal_form=rng.choice(["vzw", "fv", "fv", "other"]),
                    municipality_id=pc.municipality_id,
                    postal_code=pc,
                    latitude=pc.latitude,
                    longitude=pc.longitude,
                    audiences=rng.sample(AUDIENCES, rng.randint(1, 3)),
                    description=f"Een lokale groep in {place} die mensen op de vlucht ondersteunt.",
                    website=f"https://{slug}.example.org",
                    public_email=f"info@{slug}.example.org",
                    status=MembershipStatus.MEMBER,
                    member_since=date(2015, 1, 1) + timedelta(days=rng.randint(0, 3900)),
                )
            )
        _batched_create(Organisation, orgs)
        # Look the new ids up by slug (works whether or not the backend returns ids from bulk inserts).
        ids = dict(Organisation.objects.values_list("slug", "pk"))
        org_ids = [ids[o.slug] for o in orgs]

        # ---- 1-4 activities per group, and one "became a member" step each
        Through = Organisation.activities.through
        _batched_create(
            Through,
            [
                Through(organisation_id=oid, activity_id=aid)
                for oid in org_ids
                for aid in rng.sample(activities, rng.randint(1, 4))
            ],
        )
        _batched_create(
            MembershipEvent,
            [
                MembershipEvent(organisation_id=oid, status=MembershipStatus.MEMBER, date=o.member_since)
                for oid, o in zip(org_ids, orgs, strict=True)
            ],
        )

        # ---- people: one coordinator per group, then the volunteers; password "!" is unusable (no hashing)
        def person(email: str) -> User:
            full = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            return User(email=email, full_name=full, password="!", preferred_language=rng.choice(["nl", "nl", "fr"]))

        coordinator_emails = [f"coordinator{i}@{EMAIL_DOMAIN}" for i in range(groups)]
        volunteer_emails = [f"volunteer{i}@{EMAIL_DOMAIN}" for i in range(volunteers)]
        _batched_create(User, [person(e) for e in coordinator_emails + volunteer_emails])
        user_ids = dict(User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").values_list("email", "pk"))

        # Volunteers spread unevenly, as in real life: a few large groups, many small ones
        # (a capped Pareto weight: the largest groups have a few hundred volunteers).
        weights = [min(rng.paretovariate(1.5), 15.0) for _ in org_ids]
        volunteer_groups = rng.choices(org_ids, weights=weights, k=volunteers)

        def joined():
            return now - timedelta(days=rng.randint(0, 8 * 365), seconds=rng.randint(0, 86399))

        members = [
            OrganisationMember(organisation_id=oid, user_id=user_ids[e], role=Role.COORDINATOR, joined_at=joined())
            for oid, e in zip(org_ids, coordinator_emails, strict=True)
        ] + [
            OrganisationMember(organisation_id=oid, user_id=user_ids[e], role=Role.VOLUNTEER, joined_at=joined())
            for oid, e in zip(volunteer_groups, volunteer_emails, strict=True)
        ]
        _batched_create(OrganisationMember, members)

        # ---- open applications for the dashboard
        applications = []
        for i in range(25):
            pc = rng.choice(postcodes)
            applications.append(
                MembershipApplication(
                    token_hash=hashlib.sha256(f"bench-application-{i}".encode()).hexdigest(),
                    group_name=f"Nieuwe groep {pc.locality or pc.municipality.name_nl} {i}",
                    legal_form="fv",
                    municipality_id=pc.municipality_id,
                    postal_code=pc,
                    description="Wij willen aansluiten bij het netwerk.",
                    contact_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                    contact_email=f"applicant{i}@{EMAIL_DOMAIN}",
                    motivation="Samen staan we sterker.",
                    status=ApplicationStatus.SUBMITTED if i < 20 else ApplicationStatus.INFO_REQUESTED,
                    submission_key=uuid.UUID(int=rng.getrandbits(128)),
                )
            )
        _batched_create(MembershipApplication, applications)

        # The secretariat account last: its presence means "the data set is complete".
        User.objects.create(email=SECRETARIAT_EMAIL, full_name="Sara Secretariaat", password="!", is_secretariat=True)

    print(
        f"generated {groups} groups, {len(members)} memberships ({volunteers} volunteers) "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return True


def prepare(groups: int = 5000, volunteers: int = 100_000) -> str:
    """Create, migrate and fill the database named by DATABASE_URL. Returns the URL."""
    url = database_url()
    ensure_database(url)
    setup_django()
    migrate()
    generate(groups, volunteers)
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--groups", type=int, default=5000)
    parser.add_argument("--volunteers", type=int, default=100_000)
    args = parser.parse_args()
    url = prepare(args.groups, args.volunteers)
    print(f"database ready: {url}")


if __name__ == "__main__":
    main()
