import pytest
from django.core.management import call_command

from sustainai.accounts.models import User


@pytest.mark.django_db
def test_home_page_is_public(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Environmentally sustainable AI, together" in response.text


@pytest.mark.django_db
def test_coordination_page_needs_a_coordinator(client, member_user, coordinator):
    assert client.get("/coordination/").status_code == 302
    client.force_login(member_user)
    assert client.get("/coordination/").status_code == 403
    client.force_login(coordinator)
    assert client.get("/coordination/").status_code == 200


@pytest.mark.django_db
def test_language_switcher_serves_french(client):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/"}, follow=True)
    assert response.status_code == 200
    assert '<html lang="fr">' in response.text


@pytest.mark.django_db
def test_visitor_timezone_cookie_is_used(client):
    client.cookies["tz"] = "Asia/Tokyo"
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["TIME_ZONE"] == "Asia/Tokyo"


@pytest.mark.django_db
def test_demo_command_is_idempotent(capsys):
    call_command("demo")
    call_command("demo")
    assert (
        User.objects.filter(email__in=["coordinator@example.org", "member@example.org"]).count()
        == 2
    )
    coordinator = User.objects.get(email="coordinator@example.org")
    assert coordinator.is_staff is True
    assert coordinator.check_password("demo-coordinator") is True
    member = User.objects.get(email="member@example.org")
    assert member.organisation.slug == "demo-greencompute"
    assert member.check_password("demo-member") is True


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "french"),
    [
        ("/atlas/", "Atlas des initiatives pour une IA durable"),
        ("/calls/", "<h1>Appels à manifestation d'intérêt</h1>"),
        ("/footprint/", "<h1>Calculateur d'empreinte</h1>"),
    ],
)
def test_main_pages_are_served_in_french(client, url, french):
    client.cookies["django_language"] = "fr"
    response = client.get(url)
    assert response.status_code == 200
    assert french in response.text


@pytest.mark.django_db
def test_home_page_shows_the_platform_in_figures(client, django_assert_num_queries):
    import datetime

    from django.utils import timezone

    from sustainai.atlas.models import ModerationState
    from tests.factories.atlas import InitiativeFactory
    from tests.factories.calls import CallFactory
    from tests.factories.members import OrganisationFactory

    InitiativeFactory(countries=["FR", "KE"])
    InitiativeFactory(countries=["FR"])
    InitiativeFactory(countries=["US"], state=ModerationState.SUBMITTED)
    OrganisationFactory()
    now = timezone.now()
    CallFactory(
        opens_at=now - datetime.timedelta(days=1), closes_at=now + datetime.timedelta(days=1)
    )
    CallFactory(
        opens_at=now - datetime.timedelta(days=9), closes_at=now - datetime.timedelta(days=1)
    )
    with django_assert_num_queries(4):
        response = client.get("/")
    figures = response.context["figures"]
    assert [(figure.value, figure.label) for figure in figures] == [
        (2, "published initiatives"),
        (2, "countries named"),
        (1, "member organisation"),
        (1, "open call"),
    ]
    assert "<strong>2</strong> published initiatives" in response.text
