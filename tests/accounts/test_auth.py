import re

import pytest
from django.core import mail

from tests.factories.accounts import PASSWORD


@pytest.mark.django_db
def test_login_with_email_and_password(client, member_user):
    response = client.post(
        "/accounts/login/", {"username": "member@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == "/"
    assert client.get("/accounts/profile/").status_code == 200


@pytest.mark.django_db
def test_a_coordinator_lands_on_the_coordination_page(client, coordinator):
    response = client.post(
        "/accounts/login/", {"username": coordinator.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == "/coordination/"


@pytest.mark.django_db
def test_a_coordinator_following_a_link_goes_where_it_leads(client, coordinator):
    response = client.post(
        "/accounts/login/?next=/outbox/", {"username": coordinator.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == "/outbox/"


@pytest.mark.django_db
def test_login_with_wrong_password_fails(client, member_user):
    response = client.post(
        "/accounts/login/", {"username": "member@example.org", "password": "nope"}
    )
    assert response.status_code == 200
    assert (
        "correct email address and password" in response.text
        or "Please enter a correct" in response.text
    )


@pytest.mark.django_db
def test_logout_is_a_post(member_client):
    response = member_client.post("/accounts/logout/")
    assert response.status_code == 302
    assert member_client.get("/accounts/profile/").status_code == 302


@pytest.mark.django_db
def test_password_reset_by_email(client, member_user):
    response = client.post("/accounts/password-reset/", {"email": "member@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["member@example.org"]
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url,
        {"new_password1": "a-new-long-password-42", "new_password2": "a-new-long-password-42"},
    )
    assert response.status_code == 302
    member_user.refresh_from_db()
    assert member_user.check_password("a-new-long-password-42") is True


@pytest.mark.django_db
def test_password_reset_for_unknown_address_sends_nothing(client):
    response = client.post("/accounts/password-reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []
