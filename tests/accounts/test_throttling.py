"""Sign-in lockout (django-axes, on in the tests) and the password reset's limits."""

import re

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.core.cache import cache

from sustainai.core import personal_data
from tests.factories.accounts import PASSWORD, CoordinatorFactory, MemberUserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
LOCKED = (
    "Too many failed attempts to sign in with this e-mail address from your network. Signing in "
    "with it is locked for 15 minutes; if you have forgotten your password, you can reset it "
    "meanwhile."
)
WRONG = "Please enter a correct e-mail address and password. Note that both fields may be case-sensitive."


def sign_in(client, email, password, url=LOGIN, **extra):
    return client.post(url, {"username": email, "password": password}, **extra)


@pytest.fixture
def member(member_user):
    return member_user  # member@example.org


def test_five_failures_lock_the_address_with_a_429_page_that_says_how_long(client, member):
    for _ in range(4):
        response = sign_in(client, "member@example.org", "wrong")
        assert response.status_code == 200
        assert response.context["form"].errors == {"__all__": [WRONG]}
    response = sign_in(client, "member@example.org", "wrong")
    assert response.status_code == 429
    html = response.content.decode()
    assert LOCKED in re.sub(r"\s+", " ", html)
    assert 'value="member@example.org"' in html
    assert "<h1>Log in</h1>" in html
    # Locked: even the right password is refused, and no session is opened.
    assert sign_in(client, "member@example.org", PASSWORD).status_code == 429
    assert client.get("/accounts/profile/").status_code == 302


def test_the_lockout_is_per_address_and_ip_address(client, member):
    other = MemberUserFactory(email="other@example.org")
    for _ in range(5):
        sign_in(client, "member@example.org", "wrong")
    assert sign_in(client, other.email, PASSWORD).status_code == 302
    response = sign_in(client, "member@example.org", PASSWORD, REMOTE_ADDR="203.0.113.5")
    assert response.status_code == 302


def test_the_case_of_the_address_does_not_make_a_new_count(client, member):
    for email in [
        "member@example.org",
        "Member@example.org",
        "MEMBER@EXAMPLE.ORG",
        "member@Example.org",
    ]:
        sign_in(client, email, "wrong")
    assert sign_in(client, " member@example.org", "wrong").status_code == 429


def test_a_successful_sign_in_resets_the_count(client, member):
    for _ in range(4):
        sign_in(client, "member@example.org", "wrong")
    assert sign_in(client, "member@example.org", PASSWORD).status_code == 302
    client.post("/accounts/logout/")
    assert AccessAttempt.objects.count() == 0
    for _ in range(4):
        assert sign_in(client, "member@example.org", "wrong").status_code == 200


def test_the_admin_login_is_locked_too(client):
    CoordinatorFactory(email="coordinator@example.org")
    for _ in range(5):
        response = sign_in(client, "coordinator@example.org", "wrong", url="/admin/login/")
    assert response.status_code == 429
    assert LOCKED in re.sub(r"\s+", " ", response.content.decode())
    response = sign_in(client, "coordinator@example.org", PASSWORD, url="/accounts/login/")
    assert response.status_code == 429


def test_the_lockout_message_is_in_french(client, member):
    for _ in range(5):
        response = sign_in(client, "member@example.org", "wrong", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 429
    assert "Trop de tentatives de connexion" in re.sub(r"\s+", " ", response.content.decode())


def test_failed_sign_ins_are_exported_and_erased_with_the_person(client, member):
    sign_in(client, "member@example.org", "wrong", REMOTE_ADDR="198.51.100.4")
    exported = personal_data.export_all(member)["sources"]["accounts"]
    assert [(row["ip_address"], row["failures"]) for row in exported["failed_sign_ins"]] == [
        ("198.51.100.4", 1)
    ]
    assert personal_data.erase_all(member)["accounts"] == 1
    assert AccessAttempt.objects.count() == 0


# --- Password reset --------------------------------------------------------------------------

RESET = "/accounts/password-reset/"


def test_at_most_three_reset_mails_per_address_an_hour_with_the_same_answer(client, member):
    responses = [client.post(RESET, {"email": "member@example.org"}) for _ in range(5)]
    assert [(r.status_code, r["Location"]) for r in responses] == [
        (302, "/accounts/password-reset/done/")
    ] * 5
    assert len(mail.outbox) == 3


def test_the_address_count_ignores_case_and_counts_unknown_addresses_alike(client, member):
    for email in ["Member@example.org", "MEMBER@example.org", "member@EXAMPLE.org"]:
        client.post(RESET, {"email": email})
    assert len(mail.outbox) == 3
    assert client.post(RESET, {"email": "member@example.org"}).status_code == 302
    assert len(mail.outbox) == 3
    for _ in range(4):
        assert client.post(RESET, {"email": "nobody@example.org"}).status_code == 302
    assert len(mail.outbox) == 3


def test_at_most_ten_reset_requests_per_ip_address_an_hour(client):
    people = [MemberUserFactory(email=f"person{n}@example.org") for n in range(12)]
    for person in people:
        assert client.post(RESET, {"email": person.email}).status_code == 302
    assert [message.to for message in mail.outbox] == [[p.email] for p in people[:10]]
    client.post(RESET, {"email": people[11].email}, REMOTE_ADDR="203.0.113.8")
    assert mail.outbox[-1].to == [people[11].email]


def test_the_reset_limits_are_settings(client, member, settings):
    settings.PASSWORD_RESET_LIMIT_PER_ADDRESS = 1
    cache.clear()
    client.post(RESET, {"email": "member@example.org"})
    client.post(RESET, {"email": "member@example.org"})
    assert len(mail.outbox) == 1


def test_the_cache_holds_no_address(client, member):
    client.post(RESET, {"email": "member@example.org"}, REMOTE_ADDR="198.51.100.23")
    keys = list(cache._cache)  # the local-memory backend of the tests
    assert len(keys) == 2
    assert not any("member@example.org" in key or "198.51.100.23" in key for key in keys)


def test_axes_reads_the_client_address_only_when_it_is_an_ip_address():
    from django.test import RequestFactory

    from sustainai.accounts.lockout import client_ip

    factory = RequestFactory()
    assert client_ip(factory.get("/", REMOTE_ADDR="2001:db8::1")) == "2001:db8::1"
    assert client_ip(factory.get("/", REMOTE_ADDR="192.0.2.7")) == "192.0.2.7"
    # A request with no address (``force_login`` builds one) must not reach PostgreSQL's inet.
    assert client_ip(factory.get("/", REMOTE_ADDR="")) is None
    assert client_ip(factory.get("/", REMOTE_ADDR="unix:/run/waitress.sock")) is None
