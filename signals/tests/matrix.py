"""The signals app's rows of the access matrix (core/tests/test_access_matrix.py)."""

from __future__ import annotations

from core.tests.roles import (
    COORD,
    OUT,
    OUT_VOL,
    POLICY,
    PUBLIC,
    SEC,
    SECRETARIAT_ONLY,
    VOL,
    everyone,
    logged_in,
    row,
)

# Members with rights of a group of the network, and the secretariat (not an editor alone,
# not a person of a group that left).
MEMBERS = {**logged_in(403), VOL: 200, COORD: 200, OUT: 200, OUT_VOL: 200, SEC: 200}
MEMBERS_405 = {**logged_in(403), VOL: 405, COORD: 405, OUT: 405, OUT_VOL: 405, SEC: 405}
# Filing a signal: people of a group (the secretariat files none).
REPORTERS = {**MEMBERS, SEC: 403}
# Group A's draft: its people read it; nobody else finds it.
A_DRAFT = {**MEMBERS, OUT: 404, OUT_VOL: 404, SEC: 404}
# Confirming it: A's coordinators; A's volunteer may read but not confirm.
A_CONFIRM = {**A_DRAFT, VOL: 403}
SEC_400 = {**logged_in(403), SEC: 400}
SEC_405 = {**logged_in(403), SEC: 405}
# The policy recipient's own pages: its account only (a 404 for a dossier not sent to it).
RECIPIENT = {**logged_in(403), POLICY: 200}


def urls(people) -> dict:
    from signals.tests.factories import make_addressee, make_dossier, make_invitation, make_signal

    draft = make_signal(people.group_a, people.volunteer)
    confirmed = make_signal(people.group_a, people.volunteer, status="confirmed")
    in_dossier = make_signal(people.group_b, people.outsider, status="confirmed")
    dossier = make_dossier(in_dossier)
    published = make_dossier(make_signal(people.group_b, status="confirmed"), title="Publiek")
    published.published_at = published.created_at
    published.save(update_fields=["published_at"])
    _addressee, token = make_addressee(dossier)
    # The policy recipient's account is the addressee of ``dossier`` ("X"), not of ``other`` ("Y").
    other = make_dossier(make_signal(people.group_b, status="confirmed"), title="Y")
    make_addressee(dossier, email="beleid@stad.example", recipient=people.policy)
    make_addressee(other, email="elders@stad.example")
    invitation_token = make_invitation("nieuw@stad.example")
    used_token = make_invitation("oud@stad.example", used=True)
    return {
        "signals:list": row("/signalen/", MEMBERS, MEMBERS_405),
        # A form whose view reads ``request.POST or None``: an empty POST shows the empty form (200).
        "signals:new": row("/signalen/nieuw/", REPORTERS, REPORTERS),
        "signals:overview": row("/signalen/overzicht/", MEMBERS, MEMBERS_405),
        "signals:signal": row(f"/signalen/{confirmed.pk}/", MEMBERS, MEMBERS_405),
        "signals:signal [A's draft]": row(f"/signalen/{draft.pk}/", A_DRAFT),
        "signals:confirm": row(f"/signalen/{draft.pk}/bevestigen/", A_CONFIRM, A_CONFIRM),
        # Co-signing: people of another group (400 for an empty form); not the signal's own group.
        "signals:cosign": row(
            f"/signalen/{confirmed.pk}/meetekenen/",
            MEMBERS_405,
            {**MEMBERS, VOL: 403, COORD: 403, SEC: 403, OUT: 400, OUT_VOL: 400},
        ),
        "signals:cosign [A's draft]": row(
            f"/signalen/{draft.pk}/meetekenen/", MEMBERS_405, {**A_DRAFT, VOL: 403, COORD: 403}
        ),
        # Withdrawing: A's coordinators (done: 302); A's volunteer may read but not withdraw.
        "signals:withdraw": row(f"/signalen/{draft.pk}/intrekken/", MEMBERS_405, {**A_CONFIRM, COORD: 302}),
        # Consent to publish the example: the signal's own group (an empty form: 400); those
        # who read it but are not of its group: 403.
        "signals:consent": row(
            f"/signalen/{confirmed.pk}/toestemming/",
            {**MEMBERS, OUT: 403, OUT_VOL: 403, SEC: 403},
            {**MEMBERS, VOL: 400, COORD: 400, OUT: 403, OUT_VOL: 403, SEC: 403},
        ),
        "signals:themes": row("/secretariaat/signalen/themas/", SECRETARIAT_ONLY, SECRETARIAT_ONLY),
        "signals:dossiers": row("/secretariaat/dossiers/", SECRETARIAT_ONLY, SEC_405),
        "signals:dossier_new": row("/secretariaat/dossiers/nieuw/", SECRETARIAT_ONLY, SECRETARIAT_ONLY),
        "signals:dossier": row(f"/secretariaat/dossiers/{dossier.pk}/", SECRETARIAT_ONLY, SEC_400),
        "signals:dossier_edit": row(
            f"/secretariaat/dossiers/{dossier.pk}/bewerken/", SECRETARIAT_ONLY, SECRETARIAT_ONLY
        ),
        "signals:dossier_pdf": row(f"/secretariaat/dossiers/{dossier.pk}/nota.pdf", SECRETARIAT_ONLY),
        # The addressee's link: whoever holds it; a wrong link finds nothing.
        "signals:answer": row(f"/beleid/antwoord/{token}/", PUBLIC, everyone(400)),
        "signals:answer [wrong link]": row("/beleid/antwoord/not-a-token/", everyone(404), everyone(404)),
        # A policy recipient's invitation: whoever holds the link (an empty POST: the empty form); a used or
        # expired one says so (410); an unknown one finds nothing.
        "signals:recipient_accept": row(f"/beleid/uitnodiging/{invitation_token}/", PUBLIC, PUBLIC),
        "signals:recipient_accept [used]": row(f"/beleid/uitnodiging/{used_token}/", everyone(410), everyone(410)),
        "signals:recipient_accept [unknown]": row("/beleid/uitnodiging/nope/", everyone(404), everyone(404)),
        "signals:recipient_home": row("/beleid/mijn-dossiers/", RECIPIENT),
        # Dossier X is the recipient's (an empty POST: "unknown action", 400); Y is not: 404.
        "signals:recipient_dossier": row(
            f"/beleid/mijn-dossiers/{dossier.pk}/", RECIPIENT, {**logged_in(403), POLICY: 400}
        ),
        "signals:recipient_dossier [not its dossier]": row(
            f"/beleid/mijn-dossiers/{other.pk}/", {**logged_in(403), POLICY: 404}, {**logged_in(403), POLICY: 404}
        ),
        "signals:published_list": row("/beleid/dossiers/", PUBLIC),
        "signals:published": row(f"/beleid/dossiers/{published.pk}/", PUBLIC),
        "signals:published [not public]": row(f"/beleid/dossiers/{dossier.pk}/", everyone(404)),
        "signals:published_pdf": row(f"/beleid/dossiers/{published.pk}/nota.pdf", PUBLIC),
    }
