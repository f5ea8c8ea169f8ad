"""The families' pages at scale: 20,000 families (encrypted fields) and up to 1,000,000 audit
rows; the family page, the map and the plan against a bare view of the same size, their query
counts, and what the audit write and the decryption cost per request.

Times are medians of this process's CPU time (``time.process_time``: the machine is shared,
and wall time measures the neighbours too), with the wall-time median and ratio beside them;
the bare view is timed anonymous (the reference of every benchmark here) and logged in.

    DATABASE_URL=sqlite:///$PWD/var/bench/families.sqlite3 .venv/bin/python bench/run_families.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gastvrij_bench_families .venv/bin/python bench/run_families.py

Options: ``--families``, ``--audit`` (rows), ``--iterations``, ``--warmup``. The data set is
made once per database (a marker group tells it is there). Settings ``bench.settings``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROOT = Path(__file__).resolve().parent.parent
MARKER = "bench-families-marker"
GROUPS = 100


def setup() -> None:
    url = os.environ.get("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench' / 'families.sqlite3'}")
    os.environ["DATABASE_URL"] = url
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    else:
        from bench.run_crypto import _ensure_postgres_database

        _ensure_postgres_database(url)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def generate(families: int, audit_rows: int) -> None:
    from django.db import transaction
    from django.utils import timezone

    from core.models import AuditEvent
    from core.tests.factories import OrganisationFactory, UserFactory
    from families.models import (
        Actor,
        Assignment,
        Consent,
        Contact,
        DomainEntry,
        FamilyMember,
        Goal,
        Step,
        Trajectory,
    )
    from organisations.models import Organisation, OrganisationMember, Role

    if Organisation.objects.filter(slug=MARKER).exists():
        return
    started = time.perf_counter()
    with transaction.atomic():
        OrganisationFactory(name=MARKER, slug=MARKER)
        groups, coordinators, volunteers = [], [], []
        for i in range(GROUPS):
            org = OrganisationFactory(name=f"Bench groep {i}", slug=f"bench-groep-{i}")
            coordinator = UserFactory(full_name=f"Coördinator {i}", email=f"coord{i}@bench.test")
            volunteer = UserFactory(full_name=f"Vrijwilliger {i}", email=f"vol{i}@bench.test")
            OrganisationMember.objects.create(organisation=org, user=coordinator, role=Role.COORDINATOR)
            OrganisationMember.objects.create(organisation=org, user=volunteer, role=Role.VOLUNTEER)
            groups.append(org)
            coordinators.append(coordinator)
            volunteers.append(volunteer)
    now = timezone.now()
    batch = 1000
    for start in range(0, families, batch):
        with transaction.atomic():
            made = Trajectory.objects.bulk_create(
                [
                    Trajectory(
                        organisation=groups[n % GROUPS],
                        pseudonym=f"Familie {n}",
                        contact_language="ar",
                        created_by=coordinators[n % GROUPS],
                        created_at=now,
                    )
                    for n in range(start, min(start + batch, families))
                ]
            )
            rows: dict[type, list] = {m: [] for m in (FamilyMember, Assignment, Consent, DomainEntry)}
            for i, t in enumerate(made):
                n = start + i
                volunteer = volunteers[n % GROUPS]
                rows[FamilyMember] += [
                    FamilyMember(trajectory=t, first_name="Amal", role="parent", birth_year=1988, languages=["ar"]),
                    FamilyMember(trajectory=t, first_name="Yusuf", role="child", age_band="6-11", languages=["ar"]),
                ]
                rows[Assignment].append(Assignment(trajectory=t, user=volunteer, role="helper"))
                rows[Consent] += [
                    Consent(trajectory=t, receiver=volunteer, part=p, how="spoken", given_by="Amal")
                    for p in ("map", "plan", "contacts")
                ]
                rows[DomainEntry] += [
                    DomainEntry(trajectory=t, domain=d, goes_well="Gaat goed " * 5, help_needed="Hulp nodig " * 5)
                    for d in ("housing", "health", "work")
                ]
            for model, objs in rows.items():
                model.objects.bulk_create(objs)
            entries = DomainEntry.objects.filter(trajectory__in=made)
            Actor.objects.bulk_create(
                [
                    Actor(
                        trajectory_id=e.trajectory_id, domain=e, kind=k, name=f"Actor {k}", support="advice", quality=q
                    )
                    for e in entries
                    for k, q in (("formal", "good"), ("informal", "difficult"))
                ]
            )
            goals = Goal.objects.bulk_create(
                [
                    Goal(trajectory=t, domain=d, what=f"Doel in {d}", how="Stap voor stap", by_term="month")
                    for t in made
                    for d in ("housing", "health", "work")
                ]
            )
            Step.objects.bulk_create([Step(goal=g, text=s) for g in goals for s in ("Bellen", "Afspraak")])
            Contact.objects.bulk_create(
                [Contact(trajectory=t, kind="visit", note="Bezoek " * 10) for t in made for _ in range(2)]
            )
    made_at = time.perf_counter()
    first = Trajectory.objects.order_by("pk").first()
    assert first is not None
    for start in range(0, audit_rows, 10_000):
        AuditEvent.objects.bulk_create(
            [
                AuditEvent(
                    actor_id=coordinators[n % GROUPS].pk,
                    actor_role="coordinator",
                    action="family.read",
                    object_type="families.trajectory",
                    object_id=first.pk + n % families,
                    organisation_id=groups[n % GROUPS].pk,
                    part="map",
                )
                for n in range(start, min(start + 10_000, audit_rows))
            ]
        )
    print(
        f"generated {families} families in {made_at - started:.0f} s, "
        f"{audit_rows} audit rows in {time.perf_counter() - made_at:.0f} s"
    )


def costs(samples: int = 2000) -> dict:
    """Microseconds: one audit row written (the read record of every family page), and one
    family's overview decrypted (pseudonym, language, two members' four fields)."""
    from django.db import transaction

    from families import services
    from families.models import FamilyMember, Trajectory

    trajectory = Trajectory.objects.select_related("organisation").order_by("pk")[1]
    user = trajectory.assignments.get().user
    times = []
    with transaction.atomic():
        for _ in range(samples):
            started = time.perf_counter()
            services.record_read(trajectory, user, "map")
            times.append((time.perf_counter() - started) * 1e6)
        transaction.set_rollback(True)
    field_types = [Trajectory._meta.get_field("pseudonym")] + [
        FamilyMember._meta.get_field(n) for n in ("first_name", "languages", "residence_status")
    ]
    token = field_types[0].get_prep_value("Familie 1")
    decrypts = []
    for _ in range(samples):
        started = time.perf_counter()
        for _field in range(9):
            field_types[0].from_db_value(token, None, None)
        decrypts.append((time.perf_counter() - started) * 1e6)
    return {"audit_write_us": statistics.median(times), "decrypt_overview_us": statistics.median(decrypts)}


def _timed(client, url: str) -> tuple[float, float]:
    """One request: (CPU milliseconds of this process, wall milliseconds). Anything but 200 stops."""
    cpu, wall = time.process_time(), time.perf_counter()
    response = client.get(url)
    cpu, wall = (time.process_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url}: {response.status_code}")
    return cpu, wall


def _queries(client, url: str) -> int:
    from django.db import connection

    seen: list[str] = []

    def count(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url)
    return len(seen)


def case(label: str, url: str, client, bare, bare_logged_in, iterations: int, warmup: int) -> dict:
    """The page alternated with the bare view of the same size, anonymous and logged in (the
    session, the account and its memberships: what any page of a signed-in person pays)."""
    size = len(client.get(url).content)
    bare_url = f"/bench/bare/?bytes={size}"
    samples: dict[str, list[float]] = {k: [] for k in ("cpu", "wall", "bare_cpu", "bare_wall", "bare_in_cpu")}
    for i in range(warmup + iterations):
        page_cpu, page_wall = _timed(client, url)
        bare_cpu, bare_wall = _timed(bare, bare_url)
        bare_in_cpu, _wall = _timed(bare_logged_in, bare_url)
        if i >= warmup:
            samples["cpu"].append(page_cpu)
            samples["wall"].append(page_wall)
            samples["bare_cpu"].append(bare_cpu)
            samples["bare_wall"].append(bare_wall)
            samples["bare_in_cpu"].append(bare_in_cpu)
    medians = {k: statistics.median(v) for k, v in samples.items()}
    return {
        "label": label,
        "url": url,
        "bytes": size,
        "queries": _queries(client, url),
        **medians,
        "ratio": medians["cpu"] / medians["bare_cpu"],
        "ratio_logged_in": medians["cpu"] / medians["bare_in_cpu"],
        "wall_ratio": medians["wall"] / medians["bare_wall"],
        "load": round(os.getloadavg()[0], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--families", type=int, default=20_000)
    parser.add_argument("--audit", type=int, default=1_000_000)
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=10)
    args = parser.parse_args()
    setup()
    generate(args.families, args.audit)
    from django.test import Client

    from bench.run import prepare_database, run_header
    from families.models import Trajectory
    from organisations.models import OrganisationMember

    db_version = prepare_database()
    trajectory = Trajectory.objects.order_by("-pk").select_related("organisation").first()
    assert trajectory is not None
    coordinator = OrganisationMember.objects.get(organisation=trajectory.organisation, role="coordinator").user
    volunteer = trajectory.assignments.get().user
    header = run_header(os.environ["DATABASE_URL"], db_version, args.iterations, args.warmup)
    print(f"{header['backend']} {db_version}, commit {header['commit']}, {header['date']}")
    print(
        "| page | queries | CPU median ms | bare CPU ms | ratio | bare logged in CPU ms | ratio to it "
        "| wall median ms | wall ratio | load |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    bare = Client()
    for who, user in (("coordinator", coordinator), ("volunteer", volunteer)):
        client = Client()
        client.force_login(user)
        bare_logged_in = Client()
        bare_logged_in.force_login(user)
        pages = [("family page", ""), ("network map", "netwerkkaart/"), ("action plan", "handelingsplan/")]
        if who == "coordinator":
            # Another signed-in page, not a family's: what the per-request base costs everywhere.
            pages.append(("home /start/", "/start/"))
        for label, path in pages:
            url = path if path.startswith("/") else f"/gezinnen/{trajectory.pk}/{path}"
            r = case(f"{label} ({who})", url, client, bare, bare_logged_in, args.iterations, args.warmup)
            print(
                f"| {r['label']} | {r['queries']} | {r['cpu']:.2f} | {r['bare_cpu']:.2f} | {r['ratio']:.1f}x "
                f"| {r['bare_in_cpu']:.2f} | {r['ratio_logged_in']:.1f}x | {r['wall']:.2f} | {r['wall_ratio']:.1f}x "
                f"| {r['load']} |",
                flush=True,
            )
    c = costs()
    print(
        f"audit write per request: {c['audit_write_us']:.0f} µs; "
        f"decrypting an overview: {c['decrypt_overview_us']:.0f} µs"
    )


if __name__ == "__main__":
    main()
