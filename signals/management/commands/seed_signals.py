"""Demo data for signals: the themes the network names (DOMAIN.md §5), signals of the demo
groups at every step (drafts, confirmed, co-signed, in dossiers), a dossier sent to a
municipality that answered, one still waiting, and one published. Texts are fictitious and
say so. Idempotent: a second run changes nothing.

Run after ``seed_demo`` (it uses its groups and people)."""

from __future__ import annotations

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from core.management import refuse_outside_development
from organisations.management.commands.seed_demo import DEMO_PASSWORD, DOMAIN
from organisations.models import Organisation, OrganisationMember, Role
from places.models import PostalCode
from signals import services
from signals.models import (
    Addressee,
    AddresseeChannel,
    AddresseeKind,
    Dossier,
    Signal,
    SignalStatus,
    Theme,
    month_of,
)

THEMES = [
    "Woningnood",
    "Verblijfsrecht ingetrokken op 18 jaar",
    "Uitstroom uit OKAN",
    "Tolken",
    "Huurwaarborg",
    "Dublin",
]

DEMO = "[demo] "

# (theme, life domain, postcode, count, unit, source, description, example)
SIGNALS = [
    (
        "Woningnood",
        "housing",
        "2800",
        14,
        "families",
        "by_hand",
        "Erkende vluchtelingen moeten binnen twee maanden de opvang verlaten maar vinden geen huurwoning.",
        "Een gezin met drie kinderen zocht vier maanden en kreeg twaalf weigeringen.",
    ),
    (
        "Woningnood",
        "housing",
        "9000",
        9,
        "families",
        "referral",
        "Het OCMW verwijst naar de sociale huisvesting, waar de wachtlijst jaren duurt.",
        "Een alleenstaande moeder woont tijdelijk bij kennissen, met twee kinderen in één kamer.",
    ),
    (
        "Huurwaarborg",
        "finances",
        "2800",
        6,
        "people",
        "action_plan",
        "Verhuurders vragen een waarborg in contanten; een waarborg via het OCMW wordt geweigerd.",
        "",
    ),
    (
        "Verblijfsrecht ingetrokken op 18 jaar",
        "integration",
        "1785",
        4,
        "people",
        "question",
        "Jongeren verliezen op hun achttiende hun opvang en begeleiding, midden in het schooljaar.",
        "Een jongen in het laatste jaar van zijn opleiding moest de opvang verlaten in maart.",
    ),
    (
        "Uitstroom uit OKAN",
        "education",
        "9000",
        11,
        "people",
        "by_hand",
        "Na OKAN vinden jongeren geen plaats in een richting die bij hen past.",
        "",
    ),
    (
        "Tolken",
        "health",
        "2800",
        8,
        "people",
        "by_hand",
        "Huisartsen werken zonder tolk; kinderen vertalen voor hun ouders.",
        "Een meisje van twaalf vertaalde een slecht nieuws gesprek voor haar moeder.",
    ),
]


class Command(BaseCommand):
    help = "Load demo signals, dossiers and answers (development only)."

    def handle(self, *args, **options) -> None:
        refuse_outside_development("seed_signals")
        if Signal.objects.exists():
            self.stdout.write("Signal demo data already loaded.")
            return
        groups = list(Organisation.objects.filter(status="member").order_by("pk")[:4])
        if len(groups) < 2:
            self.stdout.write("Run seed_demo first: no member groups.")
            return
        with transaction.atomic():
            self._load(groups)
        self.stdout.write(
            self.style.SUCCESS(f"Loaded {Signal.objects.count()} signals in {Dossier.objects.count()} dossiers.")
        )
        self.stdout.write(f"  Policy recipient: beleid.ocmw@{DOMAIN} (password: {DEMO_PASSWORD})")

    def _member(self, group: Organisation, role: str):
        member = OrganisationMember.objects.filter(organisation=group, role=role).select_related("user").first()
        return member.user if member else None

    def _load(self, groups: list[Organisation]) -> None:
        themes = {name: Theme.objects.get_or_create(name=name)[0] for name in THEMES}
        now = timezone.now()
        signals = []
        for index, (theme, domain, postcode, count, unit, source, text, example) in enumerate(SIGNALS):
            group = groups[index % len(groups)]
            reporter = self._member(group, Role.VOLUNTEER) or self._member(group, Role.COORDINATOR)
            postal = PostalCode.objects.filter(code=postcode).select_related("municipality").first()
            if reporter is None or postal is None:
                continue
            signal = Signal(
                organisation=group,
                theme=themes[theme],
                life_domain=domain,
                municipality=postal.municipality,
                region_id=postal.municipality.region_id,
                description=DEMO + text,
                example=DEMO + example if example else "",
                count=count,
                count_unit=unit,
                source_kind=source,
            )
            services.file_signal(signal, acting_user=reporter)
            filed = now - timedelta(days=30 * (len(SIGNALS) - index))
            Signal.objects.filter(pk=signal.pk).update(created_at=filed, filed_month=month_of(filed))
            signals.append(signal)
        # All but the last are confirmed by their group's coordinator; the last stays a draft.
        for signal in signals[:-1]:
            coordinator = self._member(signal.organisation, Role.COORDINATOR)
            if coordinator is not None:
                services.confirm_signal(
                    signal, description=signal.description, example=signal.example, acting_user=coordinator
                )
        secretariat = _secretariat()
        if secretariat is None:
            return
        housing = list(
            Signal.objects.filter(
                pk__in=[s.pk for s in signals], theme=themes["Woningnood"], status=SignalStatus.CONFIRMED
            ).order_by("pk")
        )
        other = groups[-1]
        if housing and housing[0].organisation_id != other.pk:
            signer = self._member(other, Role.COORDINATOR)
            if signer is not None:
                services.cosign(housing[0], organisation=other, count=5, acting_user=signer)
        dossier = services.save_dossier(
            Dossier(
                title=DEMO + "Geen woning na erkenning",
                theme=themes["Woningnood"],
                summary=DEMO + "Erkende gezinnen vinden binnen de termijn geen woning en dreigen dakloos te worden.",
                ask=DEMO + "Verleng de termijn in de opvang en erken de OCMW-waarborg bij elke verhuurder.",
            ),
            acting_user=secretariat,
        )
        services.add_signals(dossier, housing, acting_user=secretariat)
        services.add_addressee(
            dossier,
            kind=AddresseeKind.MUNICIPALITY,
            name="Stad Mechelen (demo)",
            email="welzijn@demo.gastvrij.test",
            acting_user=secretariat,
        )
        services.add_addressee(
            dossier,
            kind=AddresseeKind.MINISTER,
            name="Kabinet Wonen (demo)",
            email="kabinet@demo.gastvrij.test",
            acting_user=secretariat,
        )
        # A policy recipient with an account (decision 0026), to try its pages at once.
        from accounts.models import User

        recipient_email = f"beleid.ocmw@{DOMAIN}"
        if not User.objects.filter(email__iexact=recipient_email).exists():
            User.objects.create_user(
                recipient_email, DEMO_PASSWORD, full_name="OCMW Mechelen, beleidscel (demo)", is_policy_recipient=True
            )
        services.add_addressee(
            dossier,
            kind=AddresseeKind.OCMW,
            name="OCMW Mechelen (demo)",
            email=recipient_email,
            acting_user=secretariat,
            channel=AddresseeChannel.ACCOUNT,
        )
        services.send_dossier(dossier, acting_user=secretariat)
        answered = Addressee.objects.filter(dossier=dossier).order_by("pk").first()
        if answered is not None:
            services.answer(
                answered, DEMO + "We bespreken dit op de volgende gemeenteraad en laten u het resultaat weten."
            )
        services.set_published(dossier, True, acting_user=secretariat)


def _secretariat():
    from accounts.models import User

    return User.objects.filter(is_secretariat=True, is_active=True).order_by("pk").first()
