"""Demo data for interpreter requests: on the fictitious demo families, one request
accepted by an interpreter of the pool and one still open. Idempotent.

Run after ``seed_volunteers`` and ``seed_families``."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from core.management import refuse_outside_development
from families.models import Trajectory
from interpreting import services
from interpreting.models import InterpreterRequest
from volunteers.coordination import interpreters
from volunteers.models import Engagement, Level, Status, StatusChange, Volunteer, VolunteerLanguage

DEMO_EMAIL = "demo-tolk@example.org"


def _demo_interpreter(org: Any) -> Volunteer:
    """A fictitious interpreter of the family's group, when the pool has none for it."""
    volunteer = Volunteer.objects.present().filter(email=DEMO_EMAIL).first()
    if volunteer is None:
        volunteer = Volunteer(
            full_name="[demo] Samira Tolk",
            email=DEMO_EMAIL,
            can_interpret=True,
            interpreter_visible=True,
            consent_at=timezone.now(),
        )
        volunteer.new_token()
        volunteer.save()
        VolunteerLanguage.objects.create(volunteer=volunteer, code="ar", level=Level.FLUENT)
    if not Engagement.objects.filter(volunteer=volunteer, organisation=org).exists():
        engagement = Engagement.objects.create(volunteer=volunteer, organisation=org, status=Status.ACTIVE)
        StatusChange.objects.create(engagement=engagement, status=Status.ACTIVE, changed_at=timezone.now())
    return volunteer


class Command(BaseCommand):
    help = "Load demo interpreter requests of the fictitious demo families (development only)."

    def handle(self, *args, **options) -> None:
        refuse_outside_development("seed_interpreting")
        families = list(
            Trajectory.objects.filter(demo=True, status="open", created_by__isnull=False)
            .select_related("organisation", "created_by")
            .order_by("pk")
        )
        if not families:
            raise CommandError("Run seed_families first: the demo families are missing.")
        if InterpreterRequest.objects.filter(trajectory__demo=True).exists():
            self.stdout.write("Interpreter request demo data already loaded.")
            return
        made = 0
        with transaction.atomic():
            for family in families:
                pool = [p for p in interpreters(family.organisation) if p.email and p.languages.all()]
                person = pool[0] if pool else _demo_interpreter(family.organisation)
                language = person.languages.all()[0].code
                accepted = services.create_request(
                    family,
                    acting_user=family.created_by,
                    starts_at=timezone.now() + timedelta(days=6, hours=2),
                    language=language,
                    topic="[demo] Oudercontact op school",
                    sensitivity="everyday",
                    place="[demo] Basisschool, refter",
                )
                ask = services.ask(accepted, person.pk, acting_user=family.created_by)
                services.accept(ask)
                services.create_request(
                    family,
                    acting_user=family.created_by,
                    starts_at=timezone.now() + timedelta(days=12, hours=4),
                    language=language,
                    topic="[demo] Gesprek bij de huisarts",
                    sensitivity="sensitive",
                    place="[demo] Wijkgezondheidscentrum",
                )
                made += 2
                break
        self.stdout.write(self.style.SUCCESS(f"Loaded {made} fictitious interpreter requests of the demo families."))
