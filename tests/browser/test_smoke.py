import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_logs_in_and_sees_their_account(page, login, member_user):
    login(member_user)
    page.goto("/accounts/profile/")
    assert page.locator("main h1").inner_text() == "My area"
    assert page.locator("dd").first.inner_text() == "member@example.org"
