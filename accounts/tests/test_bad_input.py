"""Bad input on the log-in: a message, never a 500 (issue 9). Found by the heavy form fuzzing
on PostgreSQL: an address of 255 to 320 characters passed the form and reached django-axes,
which records failed log-ins in a column of 255 characters."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt

from core.tests.factories import UserFactory


@pytest.mark.parametrize("length", [255, 300, 320, 5_000])
def test_a_log_in_with_an_address_longer_than_any_account_gets_a_message(client, db, length):
    address = "a" * (length - len("@example.org")) + "@example.org"
    response = client.post("/account/inloggen/", {"username": address, "password": "whatever it is"})
    assert response.status_code == 200
    assert "at most 254 characters" in " ".join(response.context["form"].errors["username"])
    assert address in response.text
    assert not AccessAttempt.objects.exists()


def test_a_log_in_ignores_invisible_characters_in_the_address(client, db):
    UserFactory(email="amal@example.org")
    response = client.post(
        "/account/inloggen/", {"username": "amal\u200b@example.org", "password": "correct horse battery"}
    )
    assert response.status_code == 302
