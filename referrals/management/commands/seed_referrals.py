"""Demo data for referrals: each fictitious demo family's first goal referred to a demo
service of the social map near it, one answered and done, one refused. Idempotent.

Run after ``seed_families`` and ``seed_socialmap``."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.management import refuse_outside_development
from families.models import ConsentHow, Trajectory
from referrals import services
from referrals.models import Introduction, Referral, SharedField


class Command(BaseCommand):
    help = "Load demo referrals of the fictitious demo families (development only)."

    def handle(self, *args, **options) -> None:
        refuse_outside_development("seed_referrals")
        families = list(Trajectory.objects.filter(demo=True).select_related("organisation").order_by("pk"))
        if not families:
            raise CommandError("Run seed_families first: the demo families are missing.")
        if Referral.objects.filter(trajectory__demo=True).exists():
            self.stdout.write("Referral demo data already loaded.")
            return
        made = 0
        with transaction.atomic():
            for index, family in enumerate(families):
                goal = family.goals.order_by("pk").first()
                if goal is None:
                    continue
                found, _near = services.services_near(family, goal.domain, limit=1)
                if not found:
                    found, _near = services.services_near(family, "", limit=1)
                if not found or family.created_by is None:
                    continue
                referral = services.propose(
                    goal,
                    found[0],
                    acting_user=family.created_by,
                    fields=[SharedField.GOAL, SharedField.LANGUAGE],
                    introduction=Introduction.ACCOMPANIED,
                    message="[demo] Fictieve doorverwijzing.",
                    consent_how=ConsentHow.INTERPRETER,
                    consent_given_by="[demo]",
                    consent_given_on=family.created_at.date(),
                )
                services.send(referral, acting_user=family.created_by)
                if index % 2:
                    services.answer(referral, accepted=False, reason="[demo] Wachtlijst van een jaar.")
                else:
                    services.answer(referral, accepted=True)
                    services.complete(referral, outcome="[demo] Eerste afspraak gehad, opvolging loopt.")
                made += 1
        self.stdout.write(self.style.SUCCESS(f"Loaded {made} fictitious referrals of the demo families."))
