"""Demo data for volunteers: vacancies of the demo groups, would-be volunteers at every step
(new leads, some waiting too long, intakes, active, paused, stopped), follow-ups due,
check-ins and interpreters. Names are fictitious. Idempotent: a second run changes nothing.

Run after ``seed_demo`` (it uses its groups and people)."""

from __future__ import annotations

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from core.management import refuse_outside_development
from organisations.management.commands.seed_demo import DOMAIN
from organisations.models import Activity, Organisation, OrganisationMember, Role
from places.models import PostalCode
from volunteers import matching, services
from volunteers.models import (
    CheckIn,
    Engagement,
    FollowUp,
    Intake,
    StatusChange,
    Vacancy,
    Volunteer,
    VolunteerLanguage,
)

# (group slug prefix, title, activity, postcode, languages, time needed, hours a month, description)
VACANCIES = [
    (
        "welcome-in-mechelen",
        "Gastheer of gastvrouw voor de praatavond",
        "dutch-conversation",
        "2800",
        ["ar", "fa"],
        "Dinsdagavond, 19–21 u",
        8,
        "Je praat in kleine groepjes Nederlands met nieuwkomers, op hun tempo.",
    ),
    (
        "merchtem-multicultureel",
        "Huiswerkbegeleider lagere school",
        "homework-help",
        "1785",
        ["ar"],
        "Woensdagnamiddag",
        6,
        "Je helpt kinderen van het derde tot het zesde leerjaar met hun huiswerk.",
    ),
    (
        "werkgroep-vluchtelingen-gent",
        "Huisbezoeken bij mensen zonder papieren",
        "home-visits",
        "9000",
        ["ar", "ti"],
        "Twee keer per maand",
        6,
        "Met z'n tweeën ga je op bezoek, luistert en zoekt mee naar hulp.",
    ),
    (
        "werkgroep-vluchtelingen-gent",
        "Huiswerkhulp in Gent",
        "homework-help",
        "9000",
        ["ar", "so"],
        "Maandag of donderdag na school",
        8,
        "Kinderen helpen met lezen, rekenen en plannen.",
    ),
    (
        "gastvrij-boechout",
        "Woonzoeker",
        "housing",
        "2530",
        [],
        "Flexibel",
        10,
        "Samen met een gezin woningen zoeken, bellen met verhuurders en mee gaan kijken.",
    ),
    (
        "buddynetwerk-vluchtelingen-regio-aalst",
        "Buddy voor een jonge nieuwkomer",
        "buddy",
        "9300",
        ["prs", "ps"],
        "Een keer per week",
        8,
        "Je leert een jongere kennen en zoekt samen de weg naar school, sport en vrije tijd.",
    ),
    (
        "vlos",
        "Medewerker sociale kruidenier",
        "social-grocery",
        "9100",
        [],
        "Zaterdagvoormiddag",
        12,
        "Je helpt in de winkel: aanvullen, onthalen, afrekenen.",
    ),
    (
        "onthaalgroep-vluchtelingen-grimbergen",
        "Huiswerkklas Grimbergen",
        "homework-help",
        "1850",
        ["fr"],
        "Dinsdag en donderdag 16–18 u",
        10,
        "Begeleiding van kinderen die pas in Belgisch onderwijs instappen.",
    ),
]

# (name, postcode, activities, languages, group slug prefix, status, days ago, extra)
PEOPLE: list[tuple[str, str, list[str], list[tuple[str, str]], str, str, int, dict]] = [
    (
        "Amal Haddad",
        "9000",
        ["homework-help"],
        [("ar", "fluent"), ("nl", "good")],
        "werkgroep-vluchtelingen-gent",
        "lead",
        1,
        {"can_interpret": True, "interpreter_visible": True},
    ),
    (
        "Pieter Claes",
        "2800",
        ["dutch-conversation"],
        [("nl", "fluent"), ("fr", "good")],
        "welcome-in-mechelen",
        "lead",
        3,
        {},
    ),
    (
        "Sofie Wouters",
        "2800",
        ["job-coaching"],
        [("nl", "fluent"), ("en", "good")],
        "welcome-in-mechelen",
        "lead",
        9,
        {},
    ),
    (
        "Youssef El Amrani",
        "1785",
        ["homework-help"],
        [("ar", "fluent"), ("nl", "fluent")],
        "merchtem-multicultureel",
        "lead",
        16,
        {"allow_pass_on": True},
    ),
    ("Lotte Peeters", "9300", ["buddy"], [("nl", "fluent")], "buddynetwerk-vluchtelingen-regio-aalst", "lead", 20, {}),
    (
        "Hanna Tesfay",
        "9000",
        ["home-visits"],
        [("ti", "fluent"), ("nl", "good"), ("en", "good")],
        "werkgroep-vluchtelingen-gent",
        "intake",
        12,
        {"can_interpret": True, "interpreter_visible": True},
    ),
    ("Koen De Smet", "2530", ["housing"], [("nl", "fluent")], "gastvrij-boechout", "intake", 25, {}),
    (
        "Marie Dubois",
        "1850",
        ["homework-help"],
        [("fr", "fluent"), ("nl", "good")],
        "onthaalgroep-vluchtelingen-grimbergen",
        "active",
        200,
        {},
    ),
    (
        "Farid Rahimi",
        "9300",
        ["buddy"],
        [("prs", "fluent"), ("ps", "good"), ("nl", "basic")],
        "buddynetwerk-vluchtelingen-regio-aalst",
        "active",
        120,
        {"can_interpret": True},
    ),
    ("Els Janssens", "9100", ["social-grocery"], [("nl", "fluent")], "vlos", "paused", 300, {}),
    (
        "Tom Maes",
        "2800",
        ["dutch-conversation"],
        [("nl", "fluent")],
        "welcome-in-mechelen",
        "stopped",
        400,
        {"reason": "moved"},
    ),
    (
        "Ines Vermeulen",
        "9000",
        ["home-visits"],
        [("nl", "fluent"), ("es", "good")],
        "werkgroep-vluchtelingen-gent",
        "stopped",
        500,
        {"reason": "too-heavy"},
    ),
]


def _group(prefix: str) -> Organisation | None:
    return Organisation.objects.filter(slug__startswith=prefix).order_by("pk").first()


def _place(volunteer_or_vacancy, postcode: str) -> None:
    place = PostalCode.objects.filter(code=postcode, latitude__isnull=False).select_related("municipality").first()
    if place is not None:
        volunteer_or_vacancy.postal_code, volunteer_or_vacancy.municipality = place, place.municipality
        volunteer_or_vacancy.latitude, volunteer_or_vacancy.longitude = place.latitude, place.longitude


class Command(BaseCommand):
    help = "Load demo vacancies and volunteers (run after seed_demo)."

    def handle(self, *args, **options) -> None:
        refuse_outside_development("seed_volunteers")
        if Vacancy.objects.exists():
            self.stdout.write("Volunteer demo data already loaded.")
            return
        with transaction.atomic():
            self._members()
            self._vacancies()
            self._people()
        matching.invalidate()
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {Vacancy.objects.count()} vacancies and {Engagement.objects.count()} volunteer engagements."
            )
        )

    def _members(self) -> None:
        """Group members who are volunteers get their record, active since they joined."""
        members = OrganisationMember.objects.filter(role=Role.VOLUNTEER, left_at__isnull=True).select_related("user")
        for member in members:
            volunteer = services.volunteer_for_user(member.user)
            engagement, created = Engagement.objects.get_or_create(
                volunteer=volunteer,
                organisation_id=member.organisation_id,
                defaults={"created_at": member.joined_at, "contacted_at": member.joined_at},
            )
            if created:
                StatusChange.objects.create(engagement=engagement, status="lead", changed_at=member.joined_at)
                services.activate(engagement, note="already part of the group")

    def _vacancies(self) -> None:
        activities = {a.code: a for a in Activity.objects.all()}
        for prefix, title, activity, postcode, languages, time_needed, hours, description in VACANCIES:
            org = _group(prefix)
            if org is None:
                continue
            vacancy = Vacancy(
                organisation=org,
                title=title,
                activity=activities.get(activity),
                description=description,
                languages=languages,
                time_needed=time_needed,
                hours_per_month=hours,
                starts_on=timezone.localdate() - timedelta(days=10),
            )
            _place(vacancy, postcode)
            if vacancy.municipality_id is None:
                vacancy.municipality = org.municipality
            vacancy.save()
        closed = Vacancy.objects.filter(title="Woonzoeker").first()
        if closed is not None:
            closed.closed_at = timezone.now()
            closed.save(update_fields=["closed_at"])

    def _people(self) -> None:
        now, today = timezone.now(), timezone.localdate()
        coordinators = {m.organisation_id: m.user for m in OrganisationMember.objects.filter(role=Role.COORDINATOR)}
        activities = {a.code: a for a in Activity.objects.all()}
        for name, postcode, wished, languages, prefix, status, days_ago, extra in PEOPLE:
            org = _group(prefix)
            if org is None:
                continue
            since = now - timedelta(days=days_ago)
            first, *rest = name.lower().split()
            volunteer = Volunteer(
                full_name=name,
                email=f"{first}.{''.join(rest).replace(' ', '')}@{DOMAIN}",
                created_at=since,
                consent_at=since,
                days=["wed", "sat"],
                day_parts=["afternoon"],
                hours_per_month=8,
                can_interpret=extra.get("can_interpret", False),
                interpreter_visible=extra.get("interpreter_visible", False),
                allow_pass_on=extra.get("allow_pass_on", False),
            )
            _place(volunteer, postcode)
            volunteer.new_token()
            volunteer.save()
            volunteer.activities.set([activities[c] for c in wished if c in activities])
            VolunteerLanguage.objects.bulk_create(
                VolunteerLanguage(volunteer=volunteer, code=c, level=level) for c, level in languages
            )
            vacancy = Vacancy.objects.filter(organisation=org, closed_at__isnull=True).first()
            engagement = Engagement.objects.create(
                volunteer=volunteer, organisation=org, vacancy=vacancy, created_at=since
            )
            StatusChange.objects.create(engagement=engagement, status="lead", changed_at=since)
            if status == "lead":
                continue
            coordinator = coordinators.get(org.pk)
            engagement.contacted_at = since + timedelta(days=2)
            engagement.save(update_fields=["contacted_at"])
            Intake.objects.create(
                engagement=engagement,
                held_on=(since + timedelta(days=5)).date(),
                notes="Kennismaking op het lokaal. Heeft ervaring met kinderen.",
                agreed_tasks="Start met twee namiddagen per maand.",
                limits="Geen begeleiding bij administratie; niet op zondag.",
                follow_up_on=today - timedelta(days=1) if status == "intake" else None,
                recorded_by=coordinator,
            )
            services.move(engagement, "intake", acting_user=coordinator)
            if status == "intake":
                FollowUp.objects.create(engagement=engagement, planned_for=today - timedelta(days=1))
                engagement.next_follow_up = today - timedelta(days=1)
                engagement.save(update_fields=["next_follow_up"])
                continue
            services.activate(engagement, acting_user=coordinator)
            engagement.activated_at = since + timedelta(days=7)
            engagement.save(update_fields=["activated_at"])
            if status != "stopped":
                FollowUp.objects.create(
                    engagement=engagement,
                    planned_for=today + timedelta(days=3),
                    recorded_by=coordinator,
                )
                engagement.next_follow_up = today + timedelta(days=3)
                engagement.save(update_fields=["next_follow_up"])
            CheckIn.objects.create(volunteer=volunteer, load=5 if name == "Farid Rahimi" else 2, created_at=now)
            if status == "paused":
                services.move(engagement, "paused", acting_user=coordinator, note="Examens")
            elif status == "stopped":
                engagement.keep_in_touch = True
                engagement.save(update_fields=["keep_in_touch"])
                services.move(engagement, "stopped", acting_user=coordinator, reason=extra["reason"])
