"""The personal-data detector (core/pii.py): what it finds, what it must leave alone, and
the form pattern that lets the writer confirm."""

from __future__ import annotations

from datetime import date

import pytest
from django import forms
from django.http import QueryDict
from django.utils import translation

from core.pii import Kind, PersonalDataFormMixin, PersonalDataValidator, find_personal_data, national_number_is_valid

TODAY = date(2026, 12, 1)


def found(text: str, names: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    return [(f.kind.value, f.text) for f in find_personal_data(text, names=names, today=TODAY)]


# Phone numbers.


@pytest.mark.parametrize(
    "number",
    [
        "0470 12 34 56",
        "0470/12.34.56",
        "0470-12-34-56",
        "0470.123.456",
        "0470123456",
        "0499 123 456",
        "+32 470 12 34 56",
        "+32470123456",
        "+32 (0)470 12 34 56",
        "+32 0470 12 34 56",
        "0032 470 12 34 56",
        "02 123 45 67",
        "02/123.45.67",
        "(02) 123 45 67",
        "+32 2 123 45 67",
        "+32 (0)2 123 45 67",
        "0470 / 12 34 56",
        "03 231 45 67",
        "04 223 45 67",
        "09/265.12.34",
        "050 12 34 56",
        "015/12.34.56",
        "011-12-34-56",
    ],
)
def test_belgian_phone_numbers_are_found_as_people_write_them(number):
    assert found(f"Bel haar op {number}, liefst 's avonds.") == [("phone", number)]


def test_two_phone_numbers_in_a_list_are_both_found():
    assert found("0470 12 34 56 - 02 123 45 67 / 0485.11.22.33") == [
        ("phone", "0470 12 34 56"),
        ("phone", "02 123 45 67"),
        ("phone", "0485.11.22.33"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "IBAN BE68 5390 0754 7034",
        "IBAN BE71 0961 2345 6769",
        "BE71096123456769",
        "In 2019 en 2020 kwamen er 35 gezinnen bij.",
        "De huurwaarborg was 1.250,00 euro, de huur € 850 per maand.",
        "Het gaat om 12 500 euro.",
        "Postcode 9000 Gent, 2800 Mechelen, 1000 Brussel.",
        "Sinds 12/03/2025 en 01.02.2026 weigert het OCMW.",
        "Op 04.07.2025 1 kind ingeschreven.",
        "Gratis nummer 0800 12 345 of 070 22 33 44, 078 15 15 15, 0900 12 345.",
        "047012345 heeft een cijfer te weinig",
        "0470 12 34 56 78 is te lang",
        "dossiernummer 0123456789",
        "van 10 tot 12 u, 10:30",
    ],
)
def test_near_misses_are_not_phone_numbers(text):
    assert [kind for kind, _text in found(text)] == []


# National register numbers: 85.07.30-033.28 (born 1985), 05.03.12-123.60 (born 2005,
# check digits over "2" + the 9 digits), BIS numbers with month + 20 and + 40.


@pytest.mark.parametrize(
    "number",
    [
        "85.07.30-033.28",
        "85073003328",
        "850730 033 28",
        "850730-033-28",
        "05.03.12-123.60",
        "05031212360",
        "85.27.30-033.71",
        "85.47.30-033.17",
    ],
)
def test_national_register_and_bis_numbers_with_valid_check_digits_are_found(number):
    assert found(f"Rijksregisternummer: {number}.") == [("national_number", number)]


@pytest.mark.parametrize(
    "number",
    ["85.07.30-033.29", "85073003329", "05.03.12-123.61", "12345678901", "85.13.30-033.28", "85.67.30-033.28"],
)
def test_eleven_digits_with_a_wrong_checksum_or_month_are_not_a_national_number(number):
    assert "national_number" not in [kind for kind, _text in found(f"Nummer {number} werd geweigerd")]
    assert not national_number_is_valid(number.replace(".", "").replace("-", ""))


def test_the_checksum_covers_both_centuries():
    assert national_number_is_valid("85073003328")  # 97 - (850730033 mod 97) = 28
    assert national_number_is_valid("05031212360")  # 97 - (2050312123 mod 97) = 60
    assert national_number_is_valid("05031212331")  # 97 - (050312123 mod 97) = 31: born in 1905


# E-mail addresses.


@pytest.mark.parametrize(
    "address",
    ["amina.el-idrissi+ocmw@example.be", "AMINA@EXAMPLE.ORG", "amina [at] example.org", "amina(at)voorbeeld.be"],
)
def test_email_addresses_are_found(address):
    assert found(f"Mail naar {address} voor de afspraak") == [("email", address)]


@pytest.mark.parametrize("text", ["volg @gastvrij op sociale media", "amina@localhost", "kosten @ 5 euro"])
def test_things_that_are_not_email_addresses(text):
    assert found(text) == []


# Dates of birth.


@pytest.mark.parametrize(
    ("text", "date_text"),
    [
        ("geboren op 12 maart 1985", "12 maart 1985"),
        ("geb. 3/4/1990 in Kaboel", "3/4/1990"),
        ("Samir (°12.03.19) gaat naar de kleuterklas", "12.03.19"),
        ("née le 1er mars 2001 à Alep", "1er mars 2001"),
        ("né(e) le 02/05/1978", "02/05/1978"),
        ("date de naissance : 14 février 1982", "14 février 1982"),
        ("born on March 12, 1985", "March 12, 1985"),
        ("date of birth: 1990-06-15", "1990-06-15"),
        ("DOB 15/06/90", "15/06/90"),
        ("geboren op 3 augustus 2025", "3 augustus 2025"),  # a baby: recent, but after a birth word
        ("de jongste, Amira, 12/03/2014, zit in het derde leerjaar", "12/03/2014"),  # no birth word, years ago
        ("12 mrt. 1985", "12 mrt. 1985"),
        ("3rd of March 1985", "3rd of March 1985"),
    ],
)
def test_dates_of_birth_are_found(text, date_text):
    assert found(text) == [("birth_date", date_text)]


@pytest.mark.parametrize(
    "text",
    [
        "Sinds 1 januari 2026 weigert het OCMW de huurwaarborg.",  # a recent event
        "Vanaf 12/03/2025 is de wachtlijst dicht.",
        "De hoorzitting is op 12/03/2027.",  # in the future
        "Afspraak 12/03/85 om 10 u.",  # two-digit year without a birth word
        "Het gebeurde op 31/02/1985.",  # no such date
        "In 1985 kwam het gezin naar België.",  # a year alone
        "geboren in Kaboel, al 3 jaar hier",
        "12 maarten 1985",  # not a month
    ],
)
def test_dates_that_are_not_plausibly_a_birth_date_are_left_alone(text):
    assert found(text) == []


# Names.


NAMES = ("Amina", "Zoë", "Jean-Pierre", "El Idrissi", "N'Diaye")


@pytest.mark.parametrize(
    ("text", "name_text"),
    [
        ("AMINA kwam langs", "AMINA"),
        ("met zoe naar school", "zoe"),
        ("Zoé speelt", "Zoé"),
        ("Jean-pierre zoekt werk", "Jean-pierre"),
        ("familie el  Idrissi", "el  Idrissi"),
        ("meneer N’Diaye", "N’Diaye"),
    ],
)
def test_given_names_are_found_whole_word_ignoring_case_and_accents(text, name_text):
    assert found(text, NAMES) == [("name", name_text)]


@pytest.mark.parametrize("text", ["Aminata en Samina", "Zoëlla", "Jean en Pierre", "Idrissi-straat"])
def test_names_inside_other_words_are_not_found(text):
    assert found(text, NAMES) == []


def test_one_finding_per_span_the_strongest_kind_wins():
    assert found("mail amina@example.be", ("Amina",)) == [("email", "amina@example.be")]
    assert found("RRN 85.07.30-033.28 (geboren 30/07/1985)") == [
        ("national_number", "85.07.30-033.28"),
        ("birth_date", "30/07/1985"),
    ]


def test_a_finding_has_its_span_and_a_translated_explanation():
    text = "Bel Amina op 0470 12 34 56."
    name, phone = find_personal_data(text, names=["amina"], today=TODAY)
    assert (phone.kind, phone.start, phone.end) == (Kind.PHONE, 13, 26) and text[phone.start : phone.end] == phone.text
    assert (name.kind, text[name.start : name.end]) == (Kind.NAME, "Amina")
    with translation.override("nl"):
        assert phone.label == "Telefoonnummer"
        assert phone.explanation == "Een telefoonnummer leidt rechtstreeks naar een persoon."
    with translation.override("fr"):
        assert phone.label == "Numéro de téléphone"


def test_a_long_paste_is_scanned():
    text = ("Het OCMW weigert de huurwaarborg van 1.250,00 euro sinds 2024. " * 16_000)[:1_000_000]
    text += " Bel 0470 12 34 56."
    assert found(text) == [("phone", "0470 12 34 56")]


def test_empty_text_has_nothing():
    assert find_personal_data("") == [] and find_personal_data("   ", names=["", " "]) == []


# Telling the writer, and letting them confirm.


class SignalForm(PersonalDataFormMixin, forms.Form):
    personal_data_fields = ("description", "example")
    description = forms.CharField(widget=forms.Textarea)
    example = forms.CharField(required=False, widget=forms.Textarea)
    count = forms.IntegerField(required=False)


def post(**data: str) -> QueryDict:
    query = QueryDict(mutable=True)
    query.update(data)
    return query


def test_the_form_lists_what_was_found_and_keeps_what_was_typed():
    text = "Amina (0470 12 34 56) vindt geen woning."
    form = SignalForm(post(description=text), personal_data_names=["Amina"])
    assert not form.is_valid()
    errors = list(form.errors["description"])
    assert errors[0].startswith("This text seems to contain personal data.")
    assert "I removed the personal data, or what was found is not personal data" in errors[0]
    assert errors[1:] == [
        "Name: “Amina”. This is the name of someone whose details the group keeps.",
        "Phone number: “0470 12 34 56”. A phone number leads straight to a person.",
    ]
    assert form["description"].value() == text
    html = str(form["personal_data_confirmed"])
    assert 'type="checkbox"' in html and "checked" not in html


def test_confirming_what_was_shown_accepts_it():
    text = "Het gezin (0470 12 34 56) vindt geen woning."
    first = SignalForm(post(description=text))
    assert not first.is_valid()
    seen = first["personal_data_seen"].value()
    assert seen

    second = SignalForm(post(description=text, personal_data_confirmed="on", personal_data_seen=seen))
    assert second.is_valid(), second.errors
    assert [f.kind for f in second.personal_data_accepted] == [Kind.PHONE]


def test_ticking_the_box_before_anything_was_shown_does_not_accept():
    form = SignalForm(post(description="Bel 0470 12 34 56", personal_data_confirmed="on"))
    assert not form.is_valid()


def test_new_personal_data_after_confirming_is_asked_about_again():
    first = SignalForm(post(description="Bel 0470 12 34 56"))
    assert not first.is_valid()
    seen = first["personal_data_seen"].value()
    changed = "Bel 0470 12 34 56 of mail amina@example.be"
    second = SignalForm(post(description=changed, personal_data_confirmed="on", personal_data_seen=seen))
    assert not second.is_valid()
    assert "E-mail address: “amina@example.be”." in " ".join(second.errors["description"])
    assert 'type="checkbox"' in str(second["personal_data_confirmed"])
    assert "checked" not in str(second["personal_data_confirmed"])  # ticked for the old finding only


def test_text_without_personal_data_passes_and_the_box_stays_hidden():
    form = SignalForm(post(description="Jongeren die OKAN verlaten vinden geen kot.", example="", count="3"))
    assert form.is_valid(), form.errors
    assert 'type="hidden"' in str(form["personal_data_confirmed"])
    assert form.personal_data_findings == {}


def test_the_form_speaks_the_users_language():
    with translation.override("nl"):
        form = SignalForm(post(description="Bel 0470 12 34 56"))
        assert not form.is_valid()
        assert form.errors["description"][0].startswith("Deze tekst lijkt persoonsgegevens te bevatten.")
        assert form.errors["description"][1].startswith("Telefoonnummer: “0470 12 34 56”.")
    with translation.override("fr"):
        form = SignalForm(post(description="Bel 0470 12 34 56"))
        assert not form.is_valid()
        assert form.errors["description"][1].startswith("Numéro de téléphone : « 0470 12 34 56 ».")


def test_the_validator_refuses_personal_data_outright():
    field = forms.CharField(validators=[PersonalDataValidator(names=["Amina"])])
    assert field.clean("Een gezin zonder woning") == "Een gezin zonder woning"
    with pytest.raises(forms.ValidationError) as caught:
        field.clean("Amina zoekt een woning")
    assert caught.value.messages[1] == "Name: “Amina”. This is the name of someone whose details the group keeps."


def test_without_a_form_the_caller_confirms_by_fingerprint():
    from core.pii import check_personal_data

    text = "Bel 0470 12 34 56"
    assert check_personal_data("Geen persoonsgegevens hier") == []
    with pytest.raises(forms.ValidationError) as caught:
        check_personal_data(text)
    assert caught.value.messages[1].startswith("Phone number: “0470 12 34 56”.")
    shown = [finding.digest for finding in find_personal_data(text)]
    assert [f.text for f in check_personal_data(text, confirmed=shown)] == ["0470 12 34 56"]
    with pytest.raises(forms.ValidationError):
        check_personal_data(text + " of amina@example.be", confirmed=shown)
