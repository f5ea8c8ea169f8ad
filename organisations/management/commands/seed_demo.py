"""Realistic demo data: the member groups named in the network's reports, with their real
places and activities, a secretariat account, a coordinator and volunteers per group, and
applications waiting for review. Idempotent: running it twice changes nothing."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.management import refuse_outside_development
from organisations import services
from organisations.models import (
    Activity,
    ApplicationMessage,
    ApplicationStatus,
    DocumentKind,
    MembershipApplication,
    MembershipEvent,
    MembershipStatus,
    NetworkDocument,
    Organisation,
    OrganisationMember,
    Role,
)
from places.models import PostalCode

DEMO_PASSWORD = "gastvrij-demo"
DOMAIN = "demo.gastvrij.test"

# (name, short, postcode, legal form, member since, activities, audiences, description)
GROUPS = [
    (
        "Welcome in Mechelen (WiM)",
        "wim",
        "2800",
        "fv",
        "2015-03-01",
        ["dutch-conversation", "job-coaching", "info-evenings"],
        ["recognised-refugees", "newcomers"],
        "A weekly conversation evening, coaching towards work or training, and info evenings for newcomers.",
    ),
    (
        "Merchtem Multicultureel",
        "merchtem",
        "1785",
        "fv",
        "2016-01-15",
        ["dutch-conversation", "homework-help"],
        ["newcomers", "families"],
        "Monthly Dutch conversation group “Babbelut” and homework help with three schools.",
    ),
    (
        "Gastvrij Boechout",
        "boechout",
        "2530",
        "fv",
        "2015-09-01",
        ["dutch-conversation", "housing", "homework-help", "sponsorship", "sewing"],
        ["asylum-seekers", "families"],
        "Around the local reception initiative (LOI): conversation, housing search, an odd-jobs team, homework help, "
        "sponsorship and a sewing workshop.",
    ),
    (
        "Werkgroep Vluchtelingen Gent",
        "gent",
        "9000",
        "fv",
        "2015-03-01",
        ["home-visits", "fundraising"],
        ["without-residence"],
        "Supports people without legal residence with home visits and raises funds for small needs.",
    ),
    (
        "Op de Spiegel vzw",
        "spiegel",
        "1000",
        "vzw",
        "2017-05-01",
        ["small-loans", "family-reunification"],
        ["recognised-refugees"],
        "Small interest-free loans for a rent deposit, family reunification or school costs, "
        "repaid at the person's own pace. (Demo data: the sources do not state the place; Brussels is assumed.)",
    ),
    (
        "Onthaalgroep Vluchtelingen Grimbergen",
        "grimbergen",
        "1850",
        "fv",
        "2015-03-01",
        ["homework-help", "buddy"],
        ["newcomers", "families"],
        "Thirty years of welcoming newcomers in January 2020: about 200 people supported, with homework help.",
    ),
    (
        "Vluchtelingenwerking Booms Welkom",
        "boom",
        "2850",
        "fv",
        "2016-06-01",
        ["housing"],
        ["recognised-refugees"],
        "Housing buddies together with the OCMW of Rumst, and a network of landlords and tenants.",
    ),
    (
        "Filet Divers (Bond zonder Naam)",
        "filet",
        "2000",
        "vzw",
        "2015-03-01",
        ["social-grocery", "homework-help", "dutch-conversation"],
        ["newcomers", "without-residence"],
        "A social grocery, homework help and conversation in Antwerp.",
    ),
    (
        "Werkgroep Vluchtelingen Herent",
        "herent",
        "3020",
        "fv",
        "2016-02-01",
        ["buddy"],
        ["recognised-refugees"],
        "Buddy work: a volunteer and a newcomer who get to know each other and find their way together.",
    ),
    (
        "SOCK",
        "sock",
        "8000",
        "fv",
        "2017-01-01",
        ["shelter", "awareness"],
        ["without-residence"],
        "A shelter for undocumented people and a yearly world meal.",
    ),
    (
        "Steunpunt Integratie Asielzoekers Lubbeek",
        "lubbeek",
        "3210",
        "fv",
        "2016-09-01",
        ["buddy", "dutch-conversation"],
        ["asylum-seekers"],
        "Integration support for asylum seekers in Lubbeek.",
    ),
    (
        "Huizen van Vrede vzw",
        "vrede",
        "8000",
        "vzw",
        "2018-03-01",
        ["housing"],
        ["recognised-refugees"],
        "Rents and sublets houses, with “omarmers” who support the tenants.",
    ),
    (
        "ELIM",
        "elim",
        "8800",
        "fv",
        "2019-01-01",
        ["awareness"],
        ["newcomers"],
        "A young group in Roeselare looking for partnerships.",
    ),
    (
        "VLOS",
        "vlos",
        "9100",
        "vzw",
        "2015-03-01",
        ["social-grocery", "fundraising"],
        ["newcomers", "families"],
        "About 80 volunteers run a social grocery, a bazaar and a warehouse.",
    ),
    (
        "Vrienden van K",
        "vvk",
        "2000",
        "fv",
        "2018-09-01",
        ["housing", "sponsorship"],
        ["without-residence", "unaccompanied-minors"],
        "Small-scale housing and sponsorship for undocumented young "
        "people. (Demo data: the sources do not state the place; Antwerp is assumed.)",
    ),
    (
        "Vluchtelingenwerk Klein-Brabant-Willebroek",
        "kbw",
        "2880",
        "fv",
        "2016-03-01",
        ["family-support", "buddy"],
        ["families"],
        "Family support around vulnerable families; pilot site of the support-network method.",
    ),
    (
        "Buddynetwerk Vluchtelingen regio Aalst",
        "aalst",
        "9300",
        "fv",
        "2017-03-01",
        ["buddy", "housing", "family-support"],
        ["recognised-refugees", "families"],
        "Buddies and housing search; pilot site of the support-network method.",
    ),
    (
        "Mondiale Werken regio Lier",
        "lier",
        "2500",
        "vzw",
        "2018-01-01",
        ["health", "awareness"],
        ["newcomers"],
        "The health ambassadors project.",
    ),
]

VOLUNTEER_NAMES = [
    "An Peeters",
    "Bart Janssens",
    "Chloé Dubois",
    "Dirk Maes",
    "Els Willems",
    "Fatima El Amrani",
    "Geert Claes",
    "Hilde Goossens",
    "Ilse Wouters",
    "Jan De Smet",
    "Karim Benali",
    "Lotte Mertens",
    "Marc Jacobs",
    "Nadia Haddad",
    "Oliver Vermeulen",
    "Pieter Hermans",
    "Rania Aziz",
    "Sofie Lambrecht",
    "Tom Dewulf",
    "Ursula Van Damme",
    "Veerle Martens",
    "Wim De Backer",
    "Yasmina Toumi",
    "Zeno Verstraete",
]

# A minimal one-page PDF so the demo documents are real PDFs.
_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>"
    b"endobj\n4 0 obj<</Length 60>>stream\nBT /F1 18 Tf 60 760 Td (TITLE) Tj ET\nendstream endobj\n"
    b"5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _user(email: str, name: str, **flags) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, DEMO_PASSWORD, full_name=name, **flags)
    return user


class Command(BaseCommand):
    help = "Load realistic demo data (idempotent) and print the demo log-ins."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        refuse_outside_development("seed_demo")
        if Organisation.objects.exists():
            self.stdout.write("Demo data already present.")
        else:
            self._load()
        self._print_logins()

    def _load(self) -> None:
        secretariat = _user(f"secretariaat@{DOMAIN}", "Sara Secretariaat", is_secretariat=True, is_staff=True)
        activities = {a.code: a for a in Activity.objects.all()}
        names = iter(VOLUNTEER_NAMES * 3)
        for i, (name, short, code, legal, since, acts, audiences, description) in enumerate(GROUPS):
            postcode = PostalCode.objects.filter(code=code).select_related("municipality").first()
            assert postcode is not None, code
            member_since = date.fromisoformat(since)
            org = Organisation(
                name=name,
                slug=services.unique_slug(name),
                legal_form=legal,
                municipality=postcode.municipality,
                postal_code=postcode,
                audiences=audiences,
                description=description,
                public_email=f"info@{short}.{DOMAIN}",
                status=MembershipStatus.MEMBER,
                member_since=member_since,
            )
            services.place_organisation(org)
            org.save()
            org.activities.set([activities[a] for a in acts])
            MembershipEvent.objects.create(
                organisation=org, status=MembershipStatus.APPLIED, date=member_since - timedelta(days=30)
            )
            MembershipEvent.objects.create(
                organisation=org, status=MembershipStatus.MEMBER, date=member_since, recorded_by=secretariat
            )
            coordinator = _user(f"coordinator.{short}@{DOMAIN}", f"Coördinator {name.split(' (')[0]}")
            OrganisationMember.objects.create(organisation=org, user=coordinator, role=Role.COORDINATOR)
            for _ in range(2 + i % 3):
                person = next(names)
                email = f"{person.lower().replace(' ', '.')}.{short}@{DOMAIN}"
                OrganisationMember.objects.create(organisation=org, user=_user(email, person), role=Role.VOLUNTEER)
        # One volunteer active in two groups.
        both = User.objects.get(email=f"an.peeters.wim@{DOMAIN}")
        OrganisationMember.objects.create(
            organisation=Organisation.objects.get(slug__startswith="mondiale"), user=both, role=Role.VOLUNTEER
        )
        for kind, title in (
            (DocumentKind.STATUTES, "Statuten Gastvrij Netwerk vzw (demo)"),
            (DocumentKind.INTERNAL_RULES, "Huishoudelijk reglement (demo)"),
        ):
            doc = NetworkDocument(kind=kind, title=title, uploaded_by=secretariat)
            doc.file.save(f"{kind}.pdf", ContentFile(_PDF.replace(b"TITLE", title.encode("latin-1"))), save=True)
        self._applications(secretariat, activities)

    def _applications(self, secretariat: User, activities: dict) -> None:
        waiting = [
            (
                "Welkom in Leuven",
                "3000",
                "fv",
                ["dutch-conversation", "buddy"],
                "Els Vandenberghe",
                "A group of neighbours that started conversation tables in 2025 and wants to learn from other groups.",
            ),
            (
                "Solidair Hasselt",
                "3500",
                "vzw",
                ["housing", "homework-help"],
                "Mohamed Ait Said",
                "We support families who leave the reception centre to find a home, and their children at school.",
            ),
        ]
        for name, code, legal, acts, contact, motivation in waiting:
            pc = PostalCode.objects.filter(code=code).select_related("municipality").first()
            assert pc is not None, code
            application = MembershipApplication(
                group_name=name,
                legal_form=legal,
                municipality=pc.municipality,
                postal_code=pc,
                description=motivation,
                contact_name=contact,
                contact_email=f"{contact.split()[0].lower()}@{name.split()[-1].lower()}.{DOMAIN}",
                motivation=motivation,
                submission_key=uuid.uuid4(),
            )
            application.new_token()
            application.save()
            application.activities.set([activities[a] for a in acts])
            application.accepted_documents.set(NetworkDocument.objects.all())
        asked = MembershipApplication.objects.get(group_name="Solidair Hasselt")
        asked.status = ApplicationStatus.INFO_REQUESTED
        asked.save(update_fields=["status"])
        ApplicationMessage.objects.create(
            application=asked,
            kind=ApplicationMessage.Kind.INFO_REQUESTED,
            author=secretariat,
            text="Who will attend the network meetings for your group?",
        )
        MembershipApplication.objects.filter(pk=asked.pk).update(updated_at=timezone.now())

    def _print_logins(self) -> None:
        line = "-" * 72
        self.stdout.write(line)
        self.stdout.write(f"Demo log-ins (password for all: {DEMO_PASSWORD})")
        self.stdout.write(f"  secretariat:  secretariaat@{DOMAIN}")
        self.stdout.write(f"  coordinator:  coordinator.wim@{DOMAIN}   (Welcome in Mechelen)")
        self.stdout.write(f"  coordinator:  coordinator.gent@{DOMAIN}  (Werkgroep Vluchtelingen Gent)")
        self.stdout.write(f"  volunteer:    an.peeters.wim@{DOMAIN}    (two groups)")
        self.stdout.write(line)
