"""Signing in to the press room: locked out after repeated failures (by
account and by address), and a second factor for those who set one up;
superusers must have one in production."""

from base64 import b32encode

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
INDEX = reverse("admin:index")
PASSWORD = "pit-lane-42"  # the press_officer fixture's


def sign_in(client, username="press", password=PASSWORD, address="10.0.0.1", **extra):
    return client.post(
        f"{LOGIN}?next={INDEX}",
        {"username": username, "password": password, "next": INDEX, **extra},
        REMOTE_ADDR=address,
    )


def signed_in(client):
    return client.get(INDEX).status_code == 200


def test_the_right_password_signs_in(client, press_officer):
    assert sign_in(client).status_code == 302
    assert signed_in(client)


def test_five_wrong_passwords_lock_the_account_even_with_the_right_one(
    client, press_officer
):
    for _attempt in range(5):
        sign_in(client, password="wrong")

    response = sign_in(client)

    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    assert not signed_in(client)


def test_the_account_stays_locked_from_another_address(client, press_officer):
    for n in range(5):
        sign_in(client, password="wrong", address=f"10.0.1.{n}")

    assert sign_in(client, address="10.9.9.9").status_code == 429


def test_one_address_guessing_many_accounts_is_locked_out(
    client, press_officer, django_user_model
):
    for n in range(5):
        sign_in(client, username=f"guess{n}", password="wrong", address="10.6.6.6")

    assert sign_in(client, address="10.6.6.6").status_code == 429
    assert sign_in(client, address="10.7.7.7").status_code == 302


def test_a_success_forgets_earlier_failures(client, press_officer):
    for _attempt in range(4):
        sign_in(client, password="wrong")
    assert sign_in(client).status_code == 302
    client.logout()

    for _attempt in range(4):
        sign_in(client, password="wrong")

    assert sign_in(client).status_code == 302


# -- two-factor ----------------------------------------------------------------


def code(device):
    return str(
        TOTP(
            device.bin_key, device.step, device.t0, device.digits, device.drift
        ).token()
    ).zfill(device.digits)


@pytest.fixture
def phone(press_officer):
    return TOTPDevice.objects.create(user=press_officer, name="Phone", confirmed=True)


def test_with_an_authenticator_set_up_the_code_is_asked_for(client, phone):
    response = sign_in(client)

    assert response.status_code == 200
    assert "Enter the current 6-digit code" in response.content.decode()
    assert not signed_in(client)


def test_a_wrong_code_is_refused(client, phone):
    sign_in(client, otp_token="000000" if code(phone) != "000000" else "111111")

    assert not signed_in(client)


def test_the_right_code_signs_in(client, phone):
    response = sign_in(client, otp_token=code(phone))

    assert response.status_code == 302
    assert signed_in(client)


@pytest.fixture
def boss(django_user_model, settings):
    settings.RACING_SUPERUSER_2FA = True
    return django_user_model.objects.create_superuser(
        "boss", "boss@team.example", PASSWORD
    )


def test_a_superuser_without_a_second_factor_is_sent_to_set_one_up(client, boss):
    sign_in(client, username="boss")

    assert not signed_in(client)
    page = client.get(LOGIN).content.decode()
    assert reverse("admin:two_factor") in page
    assert "needs two-factor sign-in" in page


def test_setting_up_an_authenticator_opens_the_press_room(client, boss):
    sign_in(client, username="boss")
    setup = reverse("admin:two_factor")

    page = client.get(setup).content.decode()
    device = TOTPDevice.objects.get(user=boss)
    right = client.post(setup, {"otp_token": code(device)})

    assert "<svg" in page and b32encode(device.bin_key).decode() in page
    assert right.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert signed_in(client)


def test_superusers_need_no_second_factor_in_development(
    client, django_user_model, settings
):
    settings.RACING_SUPERUSER_2FA = False
    django_user_model.objects.create_superuser("dev", "dev@team.example", PASSWORD)

    sign_in(client, username="dev")

    assert signed_in(client)


def test_a_wrong_code_at_set_up_is_refused_and_then_paused(client, boss):
    sign_in(client, username="boss")
    setup = reverse("admin:two_factor")
    client.get(setup)
    device = TOTPDevice.objects.get(user=boss)

    wrong = client.post(setup, {"otp_token": "12345"})
    too_soon = client.post(setup, {"otp_token": code(device)})

    assert "does not match" in wrong.content.decode()
    assert "wait a few seconds" in too_soon.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
