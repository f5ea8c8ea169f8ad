"""Benchmark the family's own page (issue 12) against a bare view of the same size.

    DATABASE_URL=sqlite:///$PWD/var/bench/family_view.sqlite3 .venv/bin/python bench/run_family_view.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gastvrij_bench_family_view .venv/bin/python bench/run_family_view.py

Uses the directory benchmark's generator for 50 member groups (bench/generate.py), then one
big family record: 10 life domains with 3 actors each, 20 goals with 3 steps each, 5
meetings with shared reports of 4 items each and 500 reads in its audit log (the page shows
the last 50). The family's page (``/gezin/<token>/``, opened with its code, in Arabic) is
timed alternately with the bare view of the same size (bench/run.py's method), and so is the
coordinator's overview of the same family.
Target (issue 12): the family's page median within 3x the bare view.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import generate  # noqa: E402
from bench.run import bench_case, prepare_database, run_header  # noqa: E402

TARGET_RATIO = 3.0
GOALS = 20
READS = 500


def big_family():
    from django.utils import timezone

    from core import audit
    from families import meetings, services
    from families.models import Trajectory
    from organisations.models import OrganisationMember
    from toolkit.models import LIFE_DOMAINS

    coordinator = OrganisationMember.objects.filter(role="coordinator").select_related("user", "organisation").first()
    assert coordinator is not None
    family = Trajectory.objects.filter(pseudonym__isnull=False, organisation=coordinator.organisation).first()
    if family is not None and family.goals.count() >= GOALS:
        return family, coordinator.user
    user = coordinator.user
    family = services.open_trajectory(
        coordinator.organisation, acting_user=user, pseudonym="Bench-gezin", contact_language="ar"
    )
    domains = list(LIFE_DOMAINS)
    for code in domains:
        services.save_domain(family, code, acting_user=user, goes_well="Gaat goed " * 10, help_needed="Hulp " * 10)
        for n in range(3):
            services.add_actor(
                family, code, acting_user=user, kind="formal", name=f"Dienst {n}", support="advice", quality="good"
            )
    for n in range(GOALS):
        services.add_goal(
            family,
            acting_user=user,
            domain=domains[n % len(domains)],
            what=f"Doel {n} " * 5,
            steps=[f"Stap {n}.{k}" for k in range(3)],
        )
    for n in range(5):
        meeting = meetings.plan_meeting(
            family,
            acting_user=user,
            starts_at=timezone.now() + timedelta(days=1),
            place="Buurthuis",
            domains=domains[n : n + 2],
        )
        meeting = meetings.save_report(
            meeting,
            acting_user=user,
            version=0,
            texts={item.pk: {"said": "Gezegd " * 20, "decided": "Beslist " * 10} for item in meeting.items.all()},
        )
        meetings.share_report(meeting, acting_user=user)
    for _ in range(READS):
        audit.record("family.read", actor=user, obj=family, part="map")
    return family, user


def run(url: str, iterations: int, warmup: int) -> dict:
    from django.test import Client

    from families import family_links

    db_version = prepare_database()
    family, user = big_family()
    _link, token, code = family_links.make_link(family, acting_user=user, language="ar")
    family_client, coordinator, bare = Client(), Client(), Client()
    assert family_client.post(f"/gezin/{token}/", {"action": "code", "code": code}).status_code == 302
    coordinator.force_login(user)
    cases = [
        ("The family's page (Arabic)", f"/gezin/{token}/", family_client),
        ("The family's overview (coordinator)", f"/gezinnen/{family.pk}/", coordinator),
        ("Network meetings list (coordinator)", f"/gezinnen/{family.pk}/overleg/", coordinator),
    ]
    results = []
    for label, page, client in cases:
        result = bench_case(label, page, False, client, bare, iterations, warmup, False)
        result["target"] = "met" if result["ratio"] <= TARGET_RATIO else "missed"
        results.append(result)
        print(
            f"{label}: {result['median_ms']:.2f} ms (bare {result['bare_median_ms']:.2f}), "
            f"{result['ratio']:.1f}x, {result['queries']} queries, {result['bytes']} bytes"
        )
    return {**run_header(url, db_version, iterations, warmup), "goals": GOALS, "reads": READS, "results": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--json")
    args = parser.parse_args()
    url = generate.prepare(50, 0)
    result = run(url, args.iterations, args.warmup)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
