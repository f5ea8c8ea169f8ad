"""The public directory: filters, distance ordering, escaping, and constant query counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.tests.factories import OrganisationFactory
from organisations.models import MembershipStatus


@pytest.fixture
def groups(db):
    return {
        "wim": OrganisationFactory(
            name="Welcome in Mechelen (WiM)", postcode="2800", activities=["dutch-conversation", "job-coaching"]
        ),
        "gent": OrganisationFactory(name="Werkgroep Vluchtelingen Gent", postcode="9000", activities=["home-visits"]),
        "lier": OrganisationFactory(name="Mondiale Werken regio Lier", postcode="2500", activities=["health"]),
        "brugge": OrganisationFactory(name="SOCK", postcode="8000", activities=["shelter"]),
        "brussel": OrganisationFactory(name="Op de Spiegel vzw", postcode="1000", activities=["small-loans"]),
        "former": OrganisationFactory(name="Oude Groep", postcode="2800", status=MembershipStatus.FORMER),
    }


def names(response) -> list[str]:
    return [g.name for g in response.context["groups"]]


def test_nearest_groups_come_first_with_postcode_2800(client, groups):
    response = client.get("/groepen/", {"near": "2800"})
    assert response.status_code == 200
    assert names(response)[:2] == ["Welcome in Mechelen (WiM)", "Mondiale Werken regio Lier"]
    assert names(response)[-1] == "SOCK"  # Brugge is furthest
    distances = [g.distance_km for g in response.context["groups"]]
    assert distances == sorted(distances) and distances[0] == 0.0
    assert "km" in response.content.decode()


def test_each_card_says_how_far_in_the_reader_s_language(client, groups):
    lier = next(g for g in client.get("/groepen/", {"near": "2800"}).context["groups"] if "Lier" in g.name)
    whole, tenth = str(lier.distance_km).split(".")
    french = client.get("/groepen/", {"near": "2800"}, headers={"accept-language": "fr"}).content.decode()
    assert f'<span class="app-distance">à {whole},{tenth} km</span>' in french
    dutch = client.get("/groepen/", {"near": "2800"}, headers={"accept-language": "nl"}).content.decode()
    assert f'<span class="app-distance">op {whole},{tenth} km</span>' in dutch


def test_former_members_are_not_listed(client, groups):
    assert "Oude Groep" not in names(client.get("/groepen/"))


def test_filter_by_activity(client, groups):
    assert names(client.get("/groepen/", {"activity": "home-visits"})) == ["Werkgroep Vluchtelingen Gent"]
    both = names(client.get("/groepen/", {"activity": ["home-visits", "shelter"]}))
    assert sorted(both) == ["SOCK", "Werkgroep Vluchtelingen Gent"]


def test_filter_by_province_and_brussels(client, groups):
    antwerp = groups["wim"].municipality.province.nis_code
    assert sorted(names(client.get("/groepen/", {"province": antwerp}))) == [
        "Mondiale Werken regio Lier",
        "Welcome in Mechelen (WiM)",
    ]
    assert names(client.get("/groepen/", {"province": "brussels"})) == ["Op de Spiegel vzw"]


def test_filter_by_municipality_includes_area_served(client, groups):
    gent = groups["gent"].municipality
    groups["brugge"].area_served.add(gent)
    assert sorted(names(client.get("/groepen/", {"municipality": "Gand"}))) == ["SOCK", "Werkgroep Vluchtelingen Gent"]


@pytest.mark.parametrize("bad", ["28", "abcd", "9999", "<b>2800</b>"])
def test_bad_postcode_shows_a_message_and_still_lists_groups(client, groups, bad):
    response = client.get("/groepen/", {"near": bad})
    assert response.status_code == 200
    assert response.context["form"].errors["near"]
    assert len(names(response)) == 5
    assert "<b>2800</b>" not in response.content.decode()


def test_unknown_municipality_and_province_get_messages(client, groups):
    response = client.get("/groepen/", {"municipality": "Atlantis", "province": "99999"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"municipality", "province"}


def test_group_names_are_escaped(client, db):
    OrganisationFactory(name="<script>alert(1)</script>", postcode="2800")
    body = client.get("/groepen/").content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_group_page_is_public_and_former_member_page_is_hidden(client, groups):
    response = client.get(groups["wim"].get_absolute_url())
    assert response.status_code == 200 and "Welcome in Mechelen" in response.content.decode()
    assert client.get(groups["former"].get_absolute_url()).status_code == 404


def test_page_without_javascript_has_the_full_list(client, groups):
    body = client.get("/groepen/", {"near": "2800"}).content.decode()
    # The map is hidden until JavaScript runs; the list is server-rendered.
    assert 'id="map" hidden' in body
    assert body.index("Welcome in Mechelen") < body.index("SOCK")


def bulk_groups(start: int, stop: int) -> None:
    """Many member groups at a few postcodes, fast (bulk inserts), each with two activities."""
    from organisations.models import Activity, Organisation
    from places.models import PostalCode

    postcodes: list[PostalCode] = [
        PostalCode.objects.select_related("municipality").filter(code=c)[0] for c in ("2800", "9000", "1000", "3000")
    ]
    orgs = Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"Groep {i}",
                slug=f"groep-{i}",
                legal_form="fv",
                municipality=pc.municipality,
                postal_code=pc,
                latitude=pc.latitude,
                longitude=pc.longitude,
                status="member",
            )
            for i in range(start, stop)
            for pc in [postcodes[i % 4]]
        ]
    )
    orgs = list(Organisation.objects.filter(slug__in=[o.slug for o in orgs]))
    activities = list(Activity.objects.all()[:2])
    Through = Organisation.activities.through
    Through.objects.bulk_create([Through(organisation=o, activity=a) for o in orgs for a in activities])


def _queries(client, url) -> int:
    """Queries of an uncached request (pages may be cached until groups change)."""
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url", ["/groepen/", "/groepen/?near=2800&activity=dutch-conversation", "/api/v1/organisations?near=2800"]
)
def test_directory_queries_do_not_grow_with_the_number_of_groups(client, db, url):
    bulk_groups(0, 10)
    small = _queries(client, url)
    bulk_groups(10, 1000)
    # Never more queries with more data. (With few groups, the nearest-first search may widen
    # its box once or twice, so the small case can take a query or two more.)
    assert _queries(client, url) <= small


def test_group_page_queries_do_not_grow_with_the_number_of_groups(client, db):
    first = OrganisationFactory(name="Eerste groep", postcode="2800")
    bulk_groups(0, 10)
    small = _queries(client, first.get_absolute_url())
    bulk_groups(10, 1000)
    assert _queries(client, first.get_absolute_url()) == small


def _grow(n_groups: int, start: int = 0) -> None:
    from accounts.models import User
    from organisations.models import Organisation, OrganisationMember

    bulk_groups(start, n_groups)
    users = User.objects.bulk_create(
        [User(email=f"c{i}@example.org", full_name=f"C {i}") for i in range(start, n_groups)]
    )
    orgs = Organisation.objects.filter(slug__startswith="groep-").order_by("pk")[start:n_groups]
    OrganisationMember.objects.bulk_create(
        [OrganisationMember(organisation=o, user=u, role="coordinator") for o, u in zip(orgs, users, strict=False)]
    )


@pytest.mark.parametrize("url", ["/secretariaat/", "/secretariaat/groepen/", "/secretariaat/aanvragen/"])
def test_secretariat_pages_use_constant_queries(people, url):

    client = people.client("secretariat")
    _grow(10)
    small = _queries(client, url)  # the uncached path, at both sizes
    _grow(200, start=10)
    assert _queries(client, url) == small


def test_nearest_finds_the_same_groups_as_a_full_sort(db):
    """The boxed search must agree with sorting every group, near and far from any group."""
    from organisations import services
    from places.services import locate_postcode

    bulk_groups(0, 40)
    OrganisationFactory(name="Far West", postcode="8630")  # Veurne, alone in the west
    for postcode in ("2800", "8630", "6700", "9990"):
        point = locate_postcode(postcode)
        full = list(services.directory(services.DirectoryFilters(near=point))[:5])
        assert [o.pk for o in services.nearest(point, 5)] == [o.pk for o in full]


def test_every_directory_page_matches_the_full_distance_sort(db):
    from organisations import services
    from places.services import locate_postcode

    bulk_groups(0, 70)
    filters = services.DirectoryFilters(near=locate_postcode("2800"), activities=("dutch-conversation",))
    full = [o.pk for o in services.directory(filters)]
    pages = []
    for number in (1, 2, 3, 4):
        _page, groups = services.directory_page(filters, number, 20)
        pages += [o.pk for o in groups]
    assert pages == full and len(full) == 70


def test_directory_pages_are_cached_until_a_group_changes(client, people, committed):
    from organisations import services

    assert "Welcome in Mechelen (WiM)" in client.get("/groepen/").content.decode()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/groepen/").status_code == 200
    assert len(ctx.captured_queries) <= 1  # at most the session; nothing about groups
    org = people.group_a
    with committed():
        services.end_membership(org, acting_user=people.secretariat)
    assert "Welcome in Mechelen (WiM)" not in client.get("/groepen/").content.decode()


@pytest.mark.parametrize("radius", [0.01, 0.05, 0.3])
def test_nearest_first_pages_match_the_full_sort_whatever_the_first_box(db, monkeypatch, radius):
    """However small the first box (so that the page's search widens once or twice), every
    page is the full distance sort's, ties between groups at the same postcode included."""
    import importlib

    from organisations import services
    from places.services import locate_postcode

    directory_module = importlib.import_module("organisations.services.directory")
    bulk_groups(0, 45)
    OrganisationFactory(name="Far West", postcode="8630")  # Veurne, alone in the west
    monkeypatch.setattr(directory_module, "first_radius", lambda total, wanted: radius)
    for postcode in ("2800", "8630", "6700"):
        filters = services.DirectoryFilters(near=locate_postcode(postcode))
        full = [o.pk for o in services.directory(filters)]
        pages = []
        for number in (1, 2, 3):
            _page, groups = services.directory_page(filters, number, 20, cards=True)
            pages += [o.pk for o in groups]
        assert pages == full and len(full) == 46


def test_the_first_box_is_sized_by_the_number_of_groups():
    from organisations.services.directory import first_radius

    assert first_radius(5000, 20) < first_radius(300, 20) < first_radius(10, 20) == 1.0
    assert first_radius(10**7, 20) == 0.05 and first_radius(0, 20) == 1.0


@pytest.mark.parametrize("query", [{"q": "geen-enkele-groep"}, {"q": "geen-enkele-groep", "near": "2800"}])
def test_no_matching_group_says_so_nearest_first_too(client, groups, query):
    response = client.get("/groepen/", query)
    assert response.status_code == 200 and response.context["groups"] == []
    assert "No member group matches these filters." in response.content.decode()
