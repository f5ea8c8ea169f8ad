import pytest

from places.models import Municipality, PostalCode, Province
from places.services import PlaceError, find_municipality, haversine_km, locate_postcode


@pytest.mark.django_db
def test_all_belgian_municipalities_are_loaded_with_provinces_and_regions():
    assert Municipality.objects.count() == 565
    assert Province.objects.count() == 10
    mechelen = Municipality.objects.get(name_nl="Mechelen")
    assert mechelen.name_fr == "Malines"
    assert mechelen.province.name_nl == "Provincie Antwerpen"
    assert Municipality.objects.filter(province__isnull=True).count() == 19  # Brussels-Capital


@pytest.mark.django_db
def test_postcodes_have_coordinates():
    assert PostalCode.objects.count() > 1100
    assert PostalCode.objects.filter(latitude__isnull=True).count() < 10
    point = locate_postcode("2800")
    assert 51.0 < point.latitude < 51.1 and 4.4 < point.longitude < 4.55
    assert point.label == "2800 Mechelen"


@pytest.mark.django_db
@pytest.mark.parametrize("raw", ["", "28", "28000", "abcd", "<script>", "B-99999"])
def test_malformed_postcode_gets_a_clear_message(raw):
    with pytest.raises(PlaceError, match="four digits"):
        locate_postcode(raw)


@pytest.mark.django_db
def test_unknown_postcode_gets_a_clear_message():
    with pytest.raises(PlaceError, match="do not know the postcode 9999"):
        locate_postcode("9999")


@pytest.mark.django_db
def test_municipality_found_by_dutch_or_french_name_or_nis_code():
    assert find_municipality("malines").name_nl == "Mechelen"
    assert find_municipality("Gent").nis_code == find_municipality("Gand").nis_code
    assert find_municipality("12025").name_nl == "Mechelen"
    with pytest.raises(PlaceError, match="do not know the municipality"):
        find_municipality("Atlantis")


def test_haversine_matches_a_known_distance():
    # Mechelen to Gent is about 57 km as the crow flies.
    assert 50 < haversine_km(51.028, 4.471, 51.054, 3.717) < 60
