"""Spam protection of the public application form: honeypot, minimum fill time, posts per address."""

import re
import time

import pytest
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.cache import cache
from django.urls import reverse

from sustainai.members import spam
from sustainai.members.models import Contact, MembershipApplication, Organisation
from tests.members.helpers import form_token
from tests.members.test_applications import FORM

pytestmark = pytest.mark.django_db

URL = reverse("members:apply")
TOO_FAST = (
    "The form was sent very quickly after it was opened, as spam robots do. Please check your "
    "answers and send it again."
)
UNCHECKED = (
    "The form could not be checked, perhaps because it was sent from another page. Please check "
    "your answers and send it again."
)
EXPIRED = "The form was open for too long. Please check your answers and send it again."
USED = "This form was already sent once. Please check your answers and send it again."
HONEYPOT = (
    "The form could not be accepted: a field that people leave empty was filled in, perhaps by "
    "your browser's autofill. Please check your answers and send it again."
)


def nothing_written():
    return (
        Organisation.objects.count(),
        Contact.objects.count(),
        MembershipApplication.objects.count(),
        get_user_model().objects.count(),
    ) == (0, 0, 0, 0)


def token_in(html: str) -> str:
    return re.search(r'name="form_token" value="([^"]*)"', html).group(1)


@pytest.fixture
def minimum_fill_time(settings):
    """The production default (3 s) instead of the test settings' 0."""
    del settings.MEMBERS_APPLY_MIN_FILL_SECONDS
    assert spam.min_fill_seconds() == 3


@pytest.fixture
def rate_limited(settings):
    """The production defaults (5 posts an hour) instead of the test settings' none."""
    del settings.MEMBERS_APPLY_RATE_LIMIT
    assert spam.rate_limit() == spam.RateLimit(limit=5, period=3600)
    cache.clear()
    yield
    cache.clear()


# --- Honeypot --------------------------------------------------------------------------------


def test_the_honeypot_is_hidden_from_people_and_labelled_for_screen_readers(client):
    html = client.get(URL).content.decode()
    trap = re.search(
        r'<div class="visually-hidden" aria-hidden="true">\s*<label for="id_homepage">'
        r"Leave this field empty: it is a trap for spam robots.</label>\s*<input [^>]*>",
        html,
    )
    assert trap is not None
    field = trap.group(0)
    for attribute in ('name="homepage"', 'tabindex="-1"', 'autocomplete="off"'):
        assert attribute in field
    assert html.count('name="homepage"') == 1


def test_a_filled_honeypot_is_refused_and_nothing_is_written(client):
    old = form_token(seconds_ago=60)
    response = client.post(URL, {**FORM, "form_token": old, "homepage": "https://spam.example"})
    assert response.status_code == 400
    assert response.context["form"].errors == {"__all__": [HONEYPOT]}
    assert nothing_written()
    html = response.content.decode()
    assert 'value="https://spam.example"' not in html  # emptied, ready to be sent again
    assert 'value="Helios Compute"' in html
    new = token_in(html)  # a token of now, for the person to send it again
    assert new != old
    assert re.fullmatch(r"apply\.[\w-]{16}", spam.signer().unsign(new))


# --- Minimum fill time -----------------------------------------------------------------------


def test_the_rendered_form_carries_a_signed_token(client):
    token = token_in(client.get(URL).content.decode())
    assert re.fullmatch(
        r"apply\.[\w-]{16}", signing.TimestampSigner(salt=spam.TOKEN_SALT).unsign(token)
    )


def test_a_form_sent_under_the_minimum_time_is_refused(client, minimum_fill_time):
    response = client.post(URL, {**FORM, "form_token": form_token(seconds_ago=1)})
    assert response.status_code == 400
    assert response.context["form"].errors == {"__all__": [TOO_FAST]}
    assert nothing_written()


def test_a_form_sent_at_once_after_rendering_is_refused(client, minimum_fill_time):
    token = token_in(client.get(URL).content.decode())
    response = client.post(URL, {**FORM, "form_token": token})
    assert response.status_code == 400
    assert response.context["form"].errors == {"__all__": [TOO_FAST]}
    assert nothing_written()


def test_a_form_sent_after_the_minimum_time_is_accepted(client, minimum_fill_time):
    response = client.post(URL, {**FORM, "form_token": form_token(seconds_ago=4)})
    assert response.status_code == 302
    assert Organisation.objects.get().name == "Helios Compute"


def test_a_refused_form_comes_back_with_a_new_token_that_a_person_sends_later(client, settings):
    settings.MEMBERS_APPLY_MIN_FILL_SECONDS = 1
    old = form_token(seconds_ago=0)  # stamped this very second: under 1 s ago
    response = client.post(URL, {**FORM, "form_token": old})
    assert response.context["form"].errors == {"__all__": [TOO_FAST]}
    new = token_in(response.content.decode())
    assert re.fullmatch(r"apply\.[\w-]{16}", spam.signer().unsign(new))
    time.sleep(1)
    assert client.post(URL, {**FORM, "form_token": new}).status_code == 302


@pytest.mark.parametrize(
    "token",
    [
        pytest.param("", id="missing"),
        pytest.param("apply:1a2b3c:forged-signature", id="forged"),
        pytest.param(signing.TimestampSigner(salt="another.form").sign("apply"), id="other-salt"),
        pytest.param(signing.TimestampSigner(salt=spam.TOKEN_SALT).sign("other"), id="other-value"),
        pytest.param(signing.TimestampSigner(salt=spam.TOKEN_SALT).sign("apply"), id="no-nonce"),
    ],
)
def test_a_missing_or_forged_token_is_refused(client, token):
    response = client.post(URL, {**FORM, "form_token": token})
    assert response.status_code == 400
    assert response.context["form"].errors == {"__all__": [UNCHECKED]}
    assert nothing_written()


def test_a_token_whose_time_was_changed_is_refused(client):
    value, _stamp, signature = form_token(seconds_ago=60).split(":")
    earlier = signing.b62_encode(int(time.time()) - 3600)
    response = client.post(URL, {**FORM, "form_token": f"{value}:{earlier}:{signature}"})
    assert response.status_code == 400
    assert response.context["form"].errors == {"__all__": [UNCHECKED]}
    assert nothing_written()


def test_a_form_open_for_more_than_a_day_is_refused(client):
    response = client.post(URL, {**FORM, "form_token": form_token(seconds_ago=24 * 3600 + 60)})
    assert response.status_code == 400
    assert response.context["form"].errors == {"__all__": [EXPIRED]}
    assert nothing_written()


# --- One post per token ----------------------------------------------------------------------


def test_a_token_is_good_for_one_post_only(client):
    token = form_token()
    assert client.post(URL, {**FORM, "form_token": token}).status_code == 302
    again = {**FORM, "form_token": token, "name": "Helios Bis", "contact_email": "b@helios.org"}
    response = client.post(URL, again)
    assert response.status_code == 400
    assert response.context["form"].errors == {"__all__": [USED]}
    assert list(Organisation.objects.values_list("name", flat=True)) == ["Helios Compute"]


def test_a_form_with_errors_comes_back_with_a_new_token_that_works(client):
    old = form_token()
    response = client.post(URL, {**FORM, "form_token": old, "name": ""})
    assert response.status_code == 400
    assert response.context["form"].errors == {"name": ["This field is required."]}
    new = token_in(response.content.decode())
    assert new != old
    assert client.post(URL, {**FORM, "form_token": old}).context["form"].errors == {
        "__all__": [USED]
    }
    assert client.post(URL, {**FORM, "form_token": new}).status_code == 302


def test_two_forms_rendered_in_the_same_second_carry_different_tokens(client):
    first, second = (token_in(client.get(URL).content.decode()) for _ in range(2))
    assert first != second
    assert client.post(URL, {**FORM, "form_token": first}).status_code == 302


def test_the_minimum_time_is_a_setting(client, settings):
    settings.MEMBERS_APPLY_MIN_FILL_SECONDS = 30
    response = client.post(URL, {**FORM, "form_token": form_token(seconds_ago=20)})
    assert response.context["form"].errors == {"__all__": [TOO_FAST]}
    response = client.post(URL, {**FORM, "form_token": form_token(seconds_ago=40)})
    assert response.status_code == 302


# --- Posts per address -----------------------------------------------------------------------


def test_the_sixth_post_in_an_hour_from_one_address_gets_a_429_page(client, rate_limited):
    for _ in range(5):
        assert client.post(URL, {"name": "x"}).status_code == 400
    response = client.post(URL, {**FORM, "form_token": form_token()})
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    html = response.content.decode()
    assert "<h1>Too many applications</h1>" in html
    assert "Please try again in 60 minutes at the latest." in html
    assert nothing_written()
    # Reading the form is not limited.
    assert client.get(URL).status_code == 200


def test_accepted_posts_count_too(client, rate_limited):
    statuses = [
        client.post(
            URL,
            {
                **FORM,
                "form_token": form_token(),
                "name": f"Helios {n}",
                "contact_email": f"rita{n}@helios.example.org",
            },
        ).status_code
        for n in range(6)
    ]
    assert statuses == [302, 302, 302, 302, 302, 429]
    assert Organisation.objects.count() == 5


def test_the_limit_is_per_address(client, rate_limited):
    for _ in range(5):
        client.post(URL, {"name": "x"}, REMOTE_ADDR="198.51.100.1")
    assert client.post(URL, {"name": "x"}, REMOTE_ADDR="198.51.100.1").status_code == 429
    response = client.post(URL, {**FORM, "form_token": form_token()}, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 302


def test_a_forwarded_for_header_does_not_reset_the_count(client, rate_limited):
    for n in range(5):
        client.post(URL, {"name": "x"}, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert client.post(URL, {"name": "x"}, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429


def test_the_limit_and_its_period_are_settings(client, settings):
    settings.MEMBERS_APPLY_RATE_LIMIT = 1
    settings.MEMBERS_APPLY_RATE_PERIOD = 1
    cache.clear()
    assert client.post(URL, {"name": "x"}).status_code == 400
    response = client.post(URL, {"name": "x"})
    assert response.status_code == 429
    assert response["Retry-After"] == "1"
    assert "Please try again in 1 minute at the latest." in response.content.decode()
    time.sleep(1.1)  # the period starts at the address's first post
    assert client.post(URL, {"name": "x"}).status_code == 400
    cache.clear()


def test_the_cache_holds_no_ip_address(client, rate_limited):
    client.post(URL, {"name": "x"}, REMOTE_ADDR="198.51.100.23")
    keys = list(cache._cache)  # the local-memory backend of the tests
    assert len(keys) == 1
    assert "198.51.100.23" not in keys[0]
