"""Bad input into the groups' forms: a message, never a 500, and what was typed comes back
(issue 9). Runs on SQLite and PostgreSQL: the column lengths only hold on PostgreSQL."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference

from organisations.models import Invitation, MembershipApplication, MembershipStatus, Organisation

from .test_import_export import GOOD_ROWS, HEADER, csv_upload
from .test_joining import application_data, start_form

LONG_EMAIL = "a" * 300 + "@example.org"  # 312 characters: the form field alone took it, the column holds 254


# ---------------------------------------------------------------- joining


def test_a_changed_submission_key_says_so_and_the_next_send_works(client, db):
    data = application_data(form_started=start_form(client), submission_key="not-a-key")
    response = client.post("/aansluiten/", data)
    assert response.status_code == 200
    assert "Part of this form that you do not see was changed" in response.text
    assert "Welkom in Leuven" in response.text  # what was typed comes back
    fresh = re.search(r'name="submission_key" value="([0-9a-f-]{36})"', response.text)
    assert fresh is not None
    again = client.post("/aansluiten/", {**data, "submission_key": fresh.group(1)})
    assert again.status_code == 302
    assert MembershipApplication.objects.count() == 1


@pytest.mark.parametrize("area", ["x" * 50_000, "Herent, " + "y" * 3_000])
def test_a_huge_municipality_list_is_refused_with_a_message(client, db, area):
    response = client.post("/aansluiten/", application_data(form_started=start_form(client), area=area))
    assert response.status_code == 200
    assert response.context["form"].errors["area"]
    assert MembershipApplication.objects.count() == 0


def test_a_postcode_in_arabic_indic_digits_is_read_as_that_postcode(client, db):
    response = client.post("/aansluiten/", application_data(form_started=start_form(client), postcode="٣٠٠٠"))
    assert response.status_code == 302
    assert MembershipApplication.objects.get().postal_code.code == "3000"


def test_a_superscript_postcode_is_refused_like_letters(client, db):
    response = client.post("/aansluiten/", application_data(form_started=start_form(client), postcode="3²00"))
    assert response.status_code == 200
    assert "is not a Belgian postcode" in response.context["form"].errors["postcode"][0]


def test_invisible_controls_are_not_stored_in_names_and_addresses(client, db):
    data = application_data(
        form_started=start_form(client),
        group_name="Welkom\u202e in Leuven",
        contact_name="\u200bEls Vandenberghe",
        contact_email="els\u200d@example.org",
    )
    assert client.post("/aansluiten/", data).status_code == 302
    application = MembershipApplication.objects.get()
    assert (application.group_name, application.contact_name, application.contact_email) == (
        "Welkom in Leuven",
        "Els Vandenberghe",
        "els@example.org",
    )


# ---------------------------------------------------------------- coordinators and the secretariat


def test_an_invitation_to_a_312_character_address_is_refused_and_kept(people):
    client = people.client("coordinator")
    response = client.post(
        f"/groepen/{people.group_a.slug}/mensen/", {"email": LONG_EMAIL, "role": "volunteer", "language": "nl"}
    )
    assert response.status_code == 200
    assert "at most 254 characters" in response.context["form"].errors["email"][0]
    assert LONG_EMAIL in response.text
    assert not Invitation.objects.exists()


def test_a_membership_note_over_500_characters_is_refused_and_kept(people):
    note = "n" * 501
    response = people.client("secretariat").post(
        f"/groepen/{people.group_a.slug}/lidmaatschap/", {"action": "end", "note": note}
    )
    assert response.status_code == 400
    assert "at most 500 characters" in response.text and note in response.text
    people.group_a.refresh_from_db()
    assert people.group_a.status == MembershipStatus.MEMBER


@pytest.mark.parametrize("action", ["", "renw", "delete"])
def test_an_unknown_membership_action_changes_nothing(people, action):
    org = people.group_a
    org.status = MembershipStatus.FORMER
    org.save()
    response = people.client("secretariat").post(f"/groepen/{org.slug}/lidmaatschap/", {"action": action})
    assert response.status_code == 400
    assert "Choose to end the membership or to make the group a member again." in response.text
    org.refresh_from_db()
    assert org.status == MembershipStatus.FORMER


def test_ending_and_renewing_still_work(people):
    client, org = people.client("secretariat"), people.group_a
    assert client.post(f"/groepen/{org.slug}/lidmaatschap/", {"action": "end", "note": "Gestopt"}).status_code == 302
    assert Organisation.objects.get(pk=org.pk).status == MembershipStatus.FORMER
    assert client.post(f"/groepen/{org.slug}/lidmaatschap/", {"action": "renew"}).status_code == 302
    assert Organisation.objects.get(pk=org.pk).status == MembershipStatus.MEMBER


def test_wrong_directory_filters_are_shown_and_kept_in_the_form(client, people):
    response = client.get("/groepen/", {"province": "zz", "activity": "flying", "q": "W" * 101})
    assert response.status_code == 200
    text = response.text
    assert "Some filters could not be used" in text
    assert "Select a valid choice. zz is not one of the available choices." in text
    assert "Select a valid choice. flying is not one of the available choices." in text
    assert "at most 100 characters" in text
    assert 'value="' + "W" * 101 + '"' in text


# ---------------------------------------------------------------- the import


def _xlsx_with_a_chart(rows, *, data_sheet: bool) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    chart = BarChart()
    chart.add_data(Reference(sheet, min_col=1, min_row=1, max_row=2))
    charts = workbook.create_chartsheet("Grafiek", 0)  # first in the workbook
    charts.add_chart(chart)
    if not data_sheet:
        sheet.sheet_state = "hidden"
        for row in sheet.iter_rows():
            for cell in row:
                cell.value = None
        workbook.remove(sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("leden.xlsx", buffer.getvalue())


def test_an_xlsx_with_a_chart_sheet_first_imports_its_data_sheet(people):
    upload = _xlsx_with_a_chart([HEADER, *GOOD_ROWS], data_sheet=True)
    response = people.client("secretariat").post("/secretariaat/import/", {"file": upload})
    assert response.status_code == 302
    assert Organisation.objects.filter(name__in=["Gastvrij Boechout", "VLOS"]).count() == 2


def test_an_xlsx_with_only_a_chart_sheet_gets_a_message(people):
    upload = _xlsx_with_a_chart([HEADER, *GOOD_ROWS], data_sheet=False)
    response = people.client("secretariat").post("/secretariaat/import/", {"file": upload})
    assert response.status_code == 200
    assert "only charts" in response.text


def test_import_refuses_values_longer_than_their_columns(people):
    long_site = "https://example.org/" + "a" * 200
    rows = [HEADER, ["Lange groep", "vzw", "9000", "", "", long_site, "", "C" * 151, "c@example.org"]]
    response = people.client("secretariat").post("/secretariaat/import/", {"file": csv_upload(rows)})
    assert response.status_code == 200
    report = response.context["report"]
    (number, message), *_ = report.errors
    assert number == 2
    assert "the website is longer than 200 characters" in message
    assert "the coordinator_name is longer than 150 characters" in message
    assert not Organisation.objects.filter(name="Lange groep").exists()
