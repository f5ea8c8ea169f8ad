"""Log-in, lockout, password reset and the second factor (TOTP)."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core import mail
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.tests.factories import UserFactory

PASSWORD = "correct horse battery"


@pytest.fixture
def user(db):
    return UserFactory(email="vera@example.org", full_name="Vera Vrijwilliger")


def login(client, email, password):
    return client.post("/account/inloggen/", {"username": email, "password": password})


def test_log_in_with_email_in_any_case(client, user):
    response = login(client, "Vera@Example.org", PASSWORD)
    assert response.status_code == 302
    assert client.get("/account/").context["user"] == user


def test_wrong_password_gets_a_clear_message(client, user):
    response = login(client, "vera@example.org", "wrong")
    assert response.status_code == 200
    assert "do not match" in response.content.decode()


def test_repeated_failures_lock_the_account_for_a_while(client, user):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "vera@example.org", "wrong")
    response = login(client, "vera@example.org", PASSWORD)  # even the right password is refused now
    assert response.status_code == 429
    assert "Too many failed attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_production_hashes_passwords_with_argon2():
    from gastvrij import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_password_reset_sends_a_link_not_details(client, user, committed):
    with committed():
        response = client.post("/account/wachtwoord/", {"email": "vera@example.org"})
    assert response.status_code == 302
    (email,) = mail.outbox
    link = re.search(r"https?://[^/\s]+(/\S+)", email.body).group(1)
    assert link.startswith("/account/wachtwoord/nieuw/")
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"new_password1": "een nieuw lang wachtwoord", "new_password2": "een nieuw lang wachtwoord"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("een nieuw lang wachtwoord")


def test_password_reset_for_an_unknown_address_says_the_same(client, db, committed):
    with committed():
        response = client.post("/account/wachtwoord/", {"email": "nobody@example.org"})
    assert response.status_code == 302 and mail.outbox == []


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _shown_device(client) -> TOTPDevice:
    """The app the setup page shows (its key waits in the session; nothing is stored yet)."""
    return TOTPDevice(key=client.session["otp_setup_key"])


def test_turn_on_totp_with_a_first_code(client, user):
    client.force_login(user)
    page = client.get("/account/tweestap/")
    assert "<svg" in page.content.decode()
    assert not TOTPDevice.objects.exists()  # opening the page stores nothing
    assert client.get("/account/tweestap/").context["manual_key"] == page.context["manual_key"]  # same key
    good = client.post("/account/tweestap/", {"token": _code(_shown_device(client)), "next": "/account/"})
    assert good.status_code == 302
    assert TOTPDevice.objects.get(user=user).confirmed


def test_a_wrong_first_code_is_explained_and_nothing_is_turned_on(client, user):
    client.force_login(user)
    client.get("/account/tweestap/")
    device = _shown_device(client)
    bad = client.post("/account/tweestap/", {"token": "000000" if _code(device) != "000000" else "111111"})
    assert bad.status_code == 200 and "not right" in bad.content.decode()
    again = client.post("/account/tweestap/", {"token": _code(device)})  # at once: throttled, and told so
    assert "Wait a minute" in again.content.decode()
    assert not TOTPDevice.objects.get(user=user).confirmed


def test_roles_that_require_a_second_factor_are_sent_to_set_it_up(client, people, settings):
    settings.OTP_REQUIRED_ROLES = ["secretariat", "coordinator"]
    client.force_login(people.secretariat)
    response = client.get("/secretariaat/")
    assert response.status_code == 302 and response["Location"].startswith("/account/tweestap/")
    # A volunteer is not required to.
    client.force_login(people.volunteer)
    assert client.get("/account/").status_code == 200


def test_a_paired_user_must_enter_a_code_before_continuing(people, settings):
    settings.OTP_REQUIRED_ROLES = ["coordinator"]
    device = TOTPDevice.objects.create(user=people.coordinator, name="phone", confirmed=True)
    client = people.client("coordinator")
    response = client.get(f"/groepen/{people.group_a.slug}/bewerken/")
    assert response["Location"].startswith("/account/tweestap/code/")
    response = client.post(
        "/account/tweestap/code/", {"token": _code(device), "next": f"/groepen/{people.group_a.slug}/bewerken/"}
    )
    assert response.status_code == 302
    assert client.get(f"/groepen/{people.group_a.slug}/bewerken/").status_code == 200


def test_next_parameter_cannot_redirect_off_site(people):
    device = TOTPDevice.objects.create(user=people.volunteer, name="phone", confirmed=True)
    client = people.client("volunteer")
    response = client.post("/account/tweestap/code/", {"token": _code(device), "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_profile_can_be_edited(people):
    client = people.client("volunteer")
    response = client.post("/account/", {"full_name": "Vera V.", "preferred_language": "fr"})
    assert response.status_code == 302
    people.volunteer.refresh_from_db()
    assert people.volunteer.full_name == "Vera V." and people.volunteer.preferred_language == "fr"


def test_password_alone_cannot_pair_a_new_app_over_an_existing_one(people, settings):
    """Someone who knows only the password must not replace the owner's second factor."""
    settings.OTP_REQUIRED_ROLES = ["coordinator"]
    device = TOTPDevice.objects.create(user=people.coordinator, name="phone", confirmed=True)
    client = people.client("coordinator")
    response = client.get("/account/tweestap/")
    assert response.status_code == 302 and response["Location"].startswith("/account/tweestap/code/")
    assert not TOTPDevice.objects.filter(user=people.coordinator, confirmed=False).exists()
    client.post("/account/tweestap/", {"token": "123456"})
    assert TOTPDevice.objects.get(user=people.coordinator, confirmed=True) == device
