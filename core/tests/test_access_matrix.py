"""Every URL declares an access policy, and every role gets exactly what it should."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, path

from core.access import EXEMPT_NAMESPACES, declared_policy
from core.tests.factories import make_document
from organisations.models import OrganisationMember
from volunteers.tests.matrix import volunteer_urls


def _walk(patterns, namespaces=()):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, namespaces + ((p.namespace,) if p.namespace else ()))
        elif isinstance(p, URLPattern):
            yield namespaces, p


def all_patterns():
    return list(_walk(get_resolver().url_patterns))


def test_every_view_declares_an_access_policy():
    missing = [
        f"{':'.join(ns)}:{p.name} ({p.pattern})"
        for ns, p in all_patterns()
        if not EXEMPT_NAMESPACES.intersection(ns) and declared_policy(p.callback) is None
    ]
    assert missing == []


def _undeclared(request):
    return HttpResponse("should never be served")


urlpatterns = [path("undeclared/", _undeclared)]


@override_settings(ROOT_URLCONF=__name__)
def test_view_without_policy_is_denied_by_default(client, db):
    assert client.get("/undeclared/").status_code == 403


from core.tests.roles import (  # noqa: E402
    COORD,
    GROUP_A_MANAGERS,
    LOGGED_IN,
    OUT,
    PUBLIC,
    ROLES,
    SEC,
    SECRETARIAT_ONLY,
    VOL,
    V,
)


def matrix(people) -> dict[str, tuple[str, dict]]:
    a = people.group_a
    member = OrganisationMember.objects.get(organisation=a, user=people.volunteer)
    document = make_document()
    from organisations.models import MembershipApplication

    application = MembershipApplication.objects.create(
        group_name="Nieuwe groep",
        legal_form="fv",
        municipality=a.municipality,
        description="x",
        contact_name="Iemand",
        contact_email="iemand@example.org",
        motivation="x",
        submission_key="00000000-0000-0000-0000-000000000001",
        token_hash="x" * 64,
    )
    from toolkit.tests.factories import make_page, make_suggestion

    members_page = make_page("Alleen voor leden", visibility="members")
    public_page = make_page("Voor iedereen", visibility="public")
    suggestion = make_suggestion(public_page, people.volunteer)
    from toolkit import services as toolkit_services

    question = toolkit_services.ask_question(
        author=people.volunteer, title="Waar vind ik een huurwaarborg?", body="", life_domain="housing"
    )
    answer = toolkit_services.answer_question(question, author=people.outsider, body="Bij het OCMW.")
    from toolkit.models import Checklist, Synonym

    synonym = toolkit_services.save_synonym(Synonym(term="groeipakket", synonyms="kindergeld"))

    Checklist.objects.create(title="Huiswerk", slug="huiswerk")
    from django.core.files.base import ContentFile

    from toolkit.models import Attachment

    attachment = Attachment(
        page=members_page, title="Dia's", kind="pdf", content_type="application/pdf", extension=".pdf", size=9
    )
    attachment.file.save("dias.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    post_only = {V: 302, VOL: 405, COORD: 405, OUT: 405, SEC: 405}
    return {
        "home": ("/", PUBLIC),
        "start": ("/start/", LOGGED_IN),
        "my_group": ("/mijn-groep/", {V: 302, VOL: 302, COORD: 200, OUT: 200, SEC: 302}),
        "healthz": ("/healthz", PUBLIC),
        "contact": ("/contact/", PUBLIC),
        "privacy": ("/privacy/", PUBLIC),
        "accessibility": ("/toegankelijkheid/", PUBLIC),
        "set_language": ("/i18n/setlang/", {r: 302 for r in ROLES}),
        "accounts:login": ("/account/inloggen/", {V: 200, VOL: 302, COORD: 302, OUT: 302, SEC: 302}),
        "accounts:logout": ("/account/uitloggen/", {r: 405 for r in ROLES}),
        "accounts:profile": ("/account/", LOGGED_IN),
        "accounts:otp_setup": ("/account/tweestap/", LOGGED_IN),
        "accounts:otp_verify": ("/account/tweestap/code/", LOGGED_IN),
        "accounts:password_reset": ("/account/wachtwoord/", PUBLIC),
        "accounts:password_reset_done": ("/account/wachtwoord/verstuurd/", PUBLIC),
        "accounts:password_reset_confirm": ("/account/wachtwoord/nieuw/MQ/bad-token/", PUBLIC),
        "accounts:password_reset_complete": ("/account/wachtwoord/klaar/", PUBLIC),
        "api:api-root": ("/api/v1/", {r: 404 for r in ROLES}),
        "api:list_organisations": ("/api/v1/organisations", PUBLIC),
        "api:nearest": ("/api/v1/organisations/nearest?postcode=2800", PUBLIC),
        "api:get_organisation": (f"/api/v1/organisations/{a.slug}", PUBLIC),
        "api:openapi-json": ("/api/v1/openapi.json", PUBLIC),
        "organisations:directory": ("/groepen/", PUBLIC),
        "organisations:map_data": ("/groepen/kaart.json", PUBLIC),
        "organisations:detail": (f"/groepen/{a.slug}/", PUBLIC),
        "organisations:edit": (f"/groepen/{a.slug}/bewerken/", GROUP_A_MANAGERS),
        "organisations:people": (f"/groepen/{a.slug}/mensen/", GROUP_A_MANAGERS),
        "organisations:remove_person": (
            f"/groepen/{a.slug}/mensen/{member.pk}/verwijderen/",
            GROUP_A_MANAGERS,
        ),
        "organisations:change_role": (
            f"/groepen/{a.slug}/mensen/{member.pk}/rol/",
            {V: 302, VOL: 403, COORD: 405, OUT: 405, SEC: 405},
        ),
        "organisations:revoke_invitation": (
            f"/groepen/{a.slug}/uitnodigingen/1/intrekken/",
            {V: 302, VOL: 403, COORD: 405, OUT: 405, SEC: 405},
        ),
        "organisations:change_membership": (
            f"/groepen/{a.slug}/lidmaatschap/",
            {V: 302, VOL: 403, COORD: 403, OUT: 403, SEC: 405},
        ),
        "organisations:apply": ("/aansluiten/", PUBLIC),
        "organisations:apply_done": ("/aansluiten/verstuurd/", PUBLIC),
        "organisations:application_status": ("/aansluiten/aanvraag/not-a-token/", {r: 404 for r in ROLES}),
        "organisations:accept_invitation": ("/uitnodiging/not-a-token/", {r: 404 for r in ROLES}),
        "organisations:document_download": (f"/documenten/{document.pk}/", PUBLIC),
        "organisations:dashboard": ("/secretariaat/", SECRETARIAT_ONLY),
        "organisations:groups": ("/secretariaat/groepen/", SECRETARIAT_ONLY),
        "organisations:applications": ("/secretariaat/aanvragen/", SECRETARIAT_ONLY),
        "organisations:review": (f"/secretariaat/aanvragen/{application.pk}/", SECRETARIAT_ONLY),
        "organisations:documents": ("/secretariaat/documenten/", SECRETARIAT_ONLY),
        "organisations:import": ("/secretariaat/import/", SECRETARIAT_ONLY),
        "organisations:export": ("/secretariaat/export.csv", SECRETARIAT_ONLY),
        "api:search": ("/api/v1/search?q=leden", PUBLIC),
        "toolkit:index": ("/toolkit/", PUBLIC),
        "toolkit:search": ("/toolkit/zoeken/?q=leden", PUBLIC),
        "toolkit:glossary": ("/toolkit/woordenlijst/", PUBLIC),
        # Members-only pages are hidden (404) from visitors; every member of a group sees them.
        "toolkit:page": (f"/toolkit/{members_page.slug}/", {V: 404, VOL: 200, COORD: 200, OUT: 200, SEC: 200}),
        "toolkit:print": (f"/toolkit/{public_page.slug}/afdrukken/", PUBLIC),
        "toolkit:pdf": (f"/toolkit/{members_page.slug}/pdf/", {V: 404, VOL: 200, COORD: 200, OUT: 200, SEC: 200}),
        "toolkit:history": (f"/toolkit/{public_page.slug}/geschiedenis/", PUBLIC),
        "toolkit:revision": (f"/toolkit/{members_page.slug}/geschiedenis/1/", LOGGED_IN | {V: 404}),
        "toolkit:compare": (f"/toolkit/{public_page.slug}/geschiedenis/vergelijken/?van=1&naar=1", PUBLIC),
        "toolkit:restore": (
            f"/toolkit/{public_page.slug}/geschiedenis/1/terugzetten/",
            {V: 302, VOL: 403, COORD: 403, OUT: 403, SEC: 405},
        ),
        "toolkit:mark_checked": (
            f"/toolkit/{public_page.slug}/nagekeken/",
            {V: 302, VOL: 403, COORD: 403, OUT: 403, SEC: 405},
        ),
        "toolkit:propose": (f"/toolkit/{members_page.slug}/voorstellen/", LOGGED_IN),
        # Toolkit editors and the secretariat review suggestions; the editor role is tested in toolkit.
        "toolkit:suggestions": ("/toolkit/voorstellen/", SECRETARIAT_ONLY),
        # The synonyms the search uses: editors and the secretariat only.
        "toolkit:synonyms": ("/toolkit/synoniemen/", SECRETARIAT_ONLY),
        "toolkit:synonym": (f"/toolkit/synoniemen/{synonym.pk}/", SECRETARIAT_ONLY),
        # The author (the volunteer) discusses the suggestion; other members do not find it.
        "toolkit:review": (
            f"/toolkit/voorstellen/{suggestion.pk}/",
            {V: 302, VOL: 200, COORD: 404, OUT: 404, SEC: 200},
        ),
        "toolkit:checklist": ("/toolkit/checklists/huiswerk/", PUBLIC),
        "toolkit:checklist_text": ("/toolkit/checklists/huiswerk/tekst/", PUBLIC),
        "toolkit:attachments": (f"/toolkit/{public_page.slug}/bijlagen/", SECRETARIAT_ONLY),
        "toolkit:attachment": (
            f"/toolkit/bijlagen/{attachment.pk}/",
            {V: 404, VOL: 200, COORD: 200, OUT: 200, SEC: 200},
        ),
        "toolkit:delete_attachment": (
            f"/toolkit/bijlagen/{attachment.pk}/verwijderen/",
            {V: 302, VOL: 403, COORD: 403, OUT: 403, SEC: 405},
        ),
        "toolkit:expert": (f"/toolkit/{public_page.slug}/expert/", post_only),
        # Ask the network: members of any group, editors and the secretariat; never visitors.
        "toolkit:questions": ("/toolkit/vragen/", LOGGED_IN),
        "toolkit:ask": ("/toolkit/vragen/nieuw/", LOGGED_IN),
        "toolkit:question": (f"/toolkit/vragen/{question.pk}/", LOGGED_IN),
        "toolkit:answer": (f"/toolkit/vragen/{question.pk}/antwoorden/", post_only),
        "toolkit:follow": (f"/toolkit/vragen/{question.pk}/volgen/", post_only),
        "toolkit:accept_answer": (f"/toolkit/vragen/antwoorden/{answer.pk}/geholpen/", post_only),
        "toolkit:link_answer": (
            f"/toolkit/vragen/antwoorden/{answer.pk}/koppelen/",
            {V: 302, VOL: 403, COORD: 403, OUT: 403, SEC: 405},
        ),
        "core:network_log": ("/secretariaat/logboek/", SECRETARIAT_ONLY),
        "core:group_log": (f"/groepen/{a.slug}/logboek/", GROUP_A_MANAGERS),
        **volunteer_urls(people),
    }


def test_matrix_covers_every_url(people):
    names = {
        f"{':'.join(ns)}:{p.name}" if ns else p.name
        for ns, p in all_patterns()
        if not EXEMPT_NAMESPACES.intersection(ns)
    }
    assert names == set(matrix(people))


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_it_should(people, role):
    client = people.client(role)
    wrong = {}
    for name, (url, expected) in matrix(people).items():
        status = client.get(url).status_code
        if status != expected[role]:
            wrong[name] = (url, expected[role], status)
    assert wrong == {}
