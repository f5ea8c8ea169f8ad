"""Demo data for families: two fictitious families (marked as demo) in two demo groups, at
different stages: one just started in Mechelen, one further along in Ghent with a filled-in
network map, goals (one reached), ticked steps and contacts. Idempotent.

Run after ``seed_demo`` (it uses its groups and people)."""

from __future__ import annotations

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from core.management import refuse_outside_development
from families import services
from families.models import (
    ActorKind,
    ConsentHow,
    ContactKind,
    ContactQuality,
    MemberRole,
    Part,
    SupportKind,
    Trajectory,
)
from organisations.management.commands.seed_demo import DOMAIN
from organisations.models import Organisation, OrganisationMember, Role


def _group(prefix: str) -> tuple[Organisation, object, object]:
    org = Organisation.objects.filter(slug__startswith=prefix).first()
    if org is None:
        raise CommandError("Run seed_demo first: the demo groups are missing.")
    coordinator = OrganisationMember.objects.filter(organisation=org, role=Role.COORDINATOR).first()
    volunteer = OrganisationMember.objects.filter(organisation=org, role=Role.VOLUNTEER).order_by("pk").first()
    assert coordinator is not None and volunteer is not None
    return org, coordinator.user, volunteer.user


class Command(BaseCommand):
    help = "Load two fictitious demo families (development only)."

    def handle(self, *args, **options) -> None:
        refuse_outside_development("seed_families")
        if Trajectory.objects.filter(demo=True).exists():
            self._meeting()
            self.stdout.write("Family demo data already loaded.")
            return
        with transaction.atomic():
            first = self._mechelen()
            second = self._gent()
            self._meeting()
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {Trajectory.objects.filter(demo=True).count()} fictitious families "
                f"(their volunteers: {first.email}, {second.email}; demo addresses end in @{DOMAIN})."
            )
        )

    def _mechelen(self):
        """Just started: members known, a volunteer assigned, a first look at the map."""
        org, coordinator, volunteer = _group("welcome-in-mechelen")
        t = services.open_trajectory(
            org,
            acting_user=coordinator,
            pseudonym="Familie Amani (fictief)",
            contact_language="ar",
            members=[
                {"first_name": "Amani", "role": MemberRole.PARENT, "birth_year": 1989, "languages": ["ar", "fr"]},
                {"first_name": "Yusuf", "role": MemberRole.CHILD, "age_band": "6-11", "languages": ["ar", "nl"]},
                {"role": MemberRole.CHILD, "age_band": "0-2", "languages": []},
            ],
        )
        Trajectory.objects.filter(pk=t.pk).update(demo=True)
        services.assign(
            t, volunteer, acting_user=coordinator, role="contact", confidentiality_signed_on=timezone.localdate()
        )
        services.set_bridge_figure(t, coordinator, acting_user=coordinator)
        for part in (Part.MAP, Part.PLAN):
            services.give_consent(
                t, acting_user=coordinator, receiver=volunteer, part=part, how=ConsentHow.INTERPRETER, given_by="Amani"
            )
        services.save_domain(
            t,
            "informal-network",
            acting_user=coordinator,
            goes_well="Een buurvrouw helpt soms met de kinderen.",
            help_needed="Weinig mensen om mee te praten.",
        )
        services.add_actor(
            t,
            "informal-network",
            acting_user=coordinator,
            kind=ActorKind.INFORMAL,
            name="Buurvrouw",
            support=SupportKind.PRACTICAL,
            quality=ContactQuality.GOOD,
        )
        return volunteer

    def _gent(self):
        """Further along: map filled in, goals, one reached, contacts."""
        org, coordinator, volunteer = _group("werkgroep-vluchtelingen-gent")
        t = services.open_trajectory(
            org,
            acting_user=coordinator,
            pseudonym="Familie Tesfaye (fictief)",
            contact_language="ti",
            members=[
                {"first_name": "Selam", "role": MemberRole.PARENT, "birth_year": 1991, "languages": ["ti", "am"]},
                {"first_name": "Dawit", "role": MemberRole.PARENT, "birth_year": 1986, "languages": ["ti"]},
                {"first_name": "Hana", "role": MemberRole.CHILD, "age_band": "12-17", "languages": ["ti", "nl"]},
            ],
        )
        t.created_at = timezone.now() - timedelta(days=120)
        t.save(update_fields=["created_at"])
        Trajectory.objects.filter(pk=t.pk).update(demo=True)
        services.assign(t, volunteer, acting_user=coordinator, role="helper", life_domain="housing")
        for part in (Part.MAP, Part.PLAN, Part.CONTACTS):
            services.give_consent(
                t, acting_user=coordinator, receiver=volunteer, part=part, how=ConsentHow.SPOKEN, given_by="Selam"
            )
        services.save_domain(
            t,
            "housing",
            acting_user=coordinator,
            less_well="Twee kamers voor vijf mensen.",
            help_needed="Een grotere woning.",
        )
        services.save_domain(t, "education", acting_user=coordinator, goes_well="Hana doet het goed in de OKAN-klas.")
        services.save_domain(t, "leisure", acting_user=coordinator, skipped=True)
        for code, kind, name, support, quality in (
            ("housing", ActorKind.FORMAL, "Sociaal verhuurkantoor", SupportKind.ADVICE, ContactQuality.DIFFICULT),
            ("education", ActorKind.FORMAL, "OKAN-coach", SupportKind.ADVICE, ContactQuality.GOOD),
            ("informal-network", ActorKind.INFORMAL, "Kerkgemeenschap", SupportKind.EMOTIONAL, ContactQuality.GOOD),
            ("finances", ActorKind.FORMAL, "OCMW", SupportKind.PRACTICAL, ContactQuality.BROKEN),
        ):
            services.add_actor(t, code, acting_user=coordinator, kind=kind, name=name, support=support, quality=quality)
        house = services.add_goal(
            t,
            acting_user=volunteer,
            domain="housing",
            what="Een huis met genoeg slaapkamers",
            how="Inschrijven bij het sociaal verhuurkantoor",
            by_term="when-possible",
            supporters="Sociaal verhuurkantoor, vrijwilliger",
            steps=["Documenten verzamelen", "Afspraak bij het SVK"],
        )
        services.set_step_done(house.steps.first(), True, acting_user=volunteer)  # type: ignore[arg-type]
        dutch = services.add_goal(
            t, acting_user=volunteer, domain="integration", what="Nederlands leren, niveau 1.1", by_term="half-year"
        )
        services.set_reached(dutch, True, acting_user=volunteer)
        services.log_contact(
            t, acting_user=volunteer, kind=ContactKind.VISIT, note="Samen de netwerkkaart ingevuld.", goals=[house]
        )
        services.log_contact(t, acting_user=volunteer, kind=ContactKind.WHATSAPP, note="Afspraak SVK bevestigd.")
        return volunteer

    def _meeting(self) -> None:
        """A network meeting of the Ghent demo family, held last week, with a shared report
        whose decision became a step (decision 0022). Added once."""
        from families import meetings
        from families.meeting_models import Meeting

        t = Trajectory.objects.filter(demo=True, organisation__slug__startswith="werkgroep-vluchtelingen-gent").first()
        if t is None or Meeting.objects.filter(trajectory=t).exists():
            return
        org, coordinator, volunteer = _group("werkgroep-vluchtelingen-gent")
        with transaction.atomic():
            meeting = meetings.plan_meeting(
                t,
                acting_user=coordinator,
                starts_at=timezone.now() + timedelta(hours=1),
                place="Buurthuis (fictief)",
                domains=["housing"],
                volunteers=[volunteer],
                invite_family=True,
            )
            Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(days=7))
            meetings.set_interpreting(
                meeting, acting_user=coordinator, interpreting="volunteer", note="Tigrinya", sensitive=False
            )
            item = meeting.items.first()
            texts = {}
            decisions = []
            if item is not None:
                texts = {item.pk: {"said": "De wachtlijst is lang.", "decided": "Ook inschrijven bij een tweede SVK."}}
                decisions = [
                    {
                        "item": item.pk,
                        "step": "Inschrijven bij het tweede SVK",
                        "owner": "Selam, met de vrijwilliger",
                        "deadline": timezone.localdate() + timedelta(days=14),
                    }
                ]
            meeting = meetings.save_report(
                meeting, acting_user=coordinator, version=0, texts=texts, decisions=decisions
            )
            meetings.share_report(meeting, acting_user=coordinator)
