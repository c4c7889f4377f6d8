import datetime

import pytest
from django.utils import timezone

from sustainai.accounts.models import ApiToken
from sustainai.accounts.tokens import create_token, digest
from sustainai.calls.models import Expression
from sustainai.members.models import MembershipStatus
from tests.factories.accounts import MemberUserFactory, UserFactory
from tests.factories.calls import CallFactory, ExpressionFactory, ProposedWorkstreamFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def call():
    now = timezone.now().replace(microsecond=0)
    call = CallFactory(
        slug="open-call",
        title="Open call",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=1),
    )
    ProposedWorkstreamFactory(
        call=call, slug="alpha", title="Alpha", position=1, confirmation_threshold=3
    )
    ProposedWorkstreamFactory(call=call, slug="beta", title="Beta", position=2)
    return call


@pytest.fixture
def token():
    _record, token = create_token(MemberUserFactory(email="api@example.org"))
    return token


BODY = {
    "workstreams": [{"slug": "alpha", "role": "lead", "motivation": "We lead."}],
    "contact_name": "Alex Contact",
    "contact_email": "alex@example.org",
    "consent": True,
}


def post(client, slug, body, token=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post(
        f"/api/v1/calls/{slug}/expressions", body, content_type="application/json", headers=headers
    )


def test_list_calls_gives_workstreams_with_interest(client, call):
    ExpressionFactory(call=call, workstreams=list(call.workstreams.all()))
    ExpressionFactory(call=call, workstreams=[call.workstreams.get(slug="alpha")])
    response = client.get("/api/v1/calls")
    assert response.status_code == 200
    assert response.json() == [
        {
            "slug": "open-call",
            "title": "Open call",
            "opens_at": call.opens_at.isoformat().replace("+00:00", "Z"),
            "closes_at": call.closes_at.isoformat().replace("+00:00", "Z"),
            "is_open": True,
            "workstreams": [
                {
                    "slug": "alpha",
                    "title": "Alpha",
                    "status": "proposed",
                    "confirmation_threshold": 3,
                    "interested_organisations": 2,
                },
                {
                    "slug": "beta",
                    "title": "Beta",
                    "status": "proposed",
                    "confirmation_threshold": 2,
                    "interested_organisations": 1,
                },
            ],
        }
    ]


def test_list_calls_queries_do_not_grow_with_calls(client, django_assert_num_queries):
    CallFactory()
    ProposedWorkstreamFactory()
    with django_assert_num_queries(2):
        assert len(client.get("/api/v1/calls").json()) == 2
    for _ in range(2):
        ProposedWorkstreamFactory(call=CallFactory())
    with django_assert_num_queries(2):
        assert len(client.get("/api/v1/calls").json()) == 4


def test_post_expression_creates_then_updates(client, call, token):
    created = post(client, "open-call", BODY, token)
    assert created.status_code == 201
    assert created.json()["workstreams"] == [
        {"slug": "alpha", "role": "lead", "motivation": "We lead."}
    ]
    assert created.json()["organisation"] == Expression.objects.get().organisation.slug
    updated = post(
        client, "open-call", {**BODY, "workstreams": [{"slug": "beta", "role": "observer"}]}, token
    )
    assert updated.status_code == 200
    assert updated.json()["id"] == created.json()["id"]
    assert list(Expression.objects.get().choices.values_list("workstream__slug", "role")) == [
        ("beta", "observer")
    ]


@pytest.mark.parametrize("header", [None, "Bearer sai_wrong", "Token abc", "Bearer "])
def test_post_expression_without_a_valid_token_is_401(client, call, header):
    headers = {"Authorization": header} if header else {}
    response = client.post(
        "/api/v1/calls/open-call/expressions",
        BODY,
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 401
    assert Expression.objects.count() == 0


def test_post_expression_with_a_revoked_token_is_401(client, call, token):
    ApiToken.objects.update(revoked_at=timezone.now())
    assert post(client, "open-call", BODY, token).status_code == 401


def test_post_expression_with_an_inactive_users_token_is_401(client, call, token):
    ApiToken.objects.get().user.__class__.objects.update(is_active=False)
    assert post(client, "open-call", BODY, token).status_code == 401


def test_post_expression_by_a_non_member_is_403(client, call):
    _record, token = create_token(UserFactory())
    response = post(client, "open-call", BODY, token)
    assert response.status_code == 403
    assert response.json() == {
        "detail": "Only users of approved member organisations may express interest."
    }


def test_post_expression_of_a_pending_organisation_is_403(client, call):
    _record, token = create_token(MemberUserFactory(organisation__status=MembershipStatus.APPLIED))
    assert post(client, "open-call", BODY, token).status_code == 403


def test_post_expression_to_a_closed_call_is_409(client, call, token):
    call.closes_at = timezone.now() - datetime.timedelta(seconds=1)
    call.save()
    response = post(client, "open-call", BODY, token)
    assert response.status_code == 409
    assert "no longer accepted and nothing was changed" in response.json()["detail"]
    assert Expression.objects.count() == 0


def test_post_expression_with_bad_fields_is_422_with_field_errors(client, call, token):
    body = {
        **BODY,
        "workstreams": [{"slug": "nope", "role": "boss"}],
        "consent": False,
    }
    response = post(client, "open-call", body, token)
    assert response.status_code == 422
    assert response.json() == {
        "detail": "The expression of interest is invalid.",
        "errors": {
            "workstreams[0].slug": "Unknown workstream “nope” in this call; expected one of: alpha, beta.",
            "workstreams[0].role": "Unknown role “boss”; expected one of: lead, contributor, observer.",
            "consent": "Consent is required: the coalition needs it to contact this person about the call.",
        },
    }


def test_post_expression_with_a_malformed_body_is_422(client, call, token):
    response = post(client, "open-call", {"workstreams": "alpha"}, token)
    assert response.status_code == 422
    fields = {tuple(error["loc"]) for error in response.json()["detail"]}
    assert ("body", "payload", "workstreams") in fields
    assert ("body", "payload", "consent") in fields


def test_post_expression_to_an_unknown_call_is_404(client, token):
    assert post(client, "nope", BODY, token).status_code == 404


def test_token_is_stored_only_as_a_hash(token):
    record = ApiToken.objects.get()
    assert record.digest == digest(token)
    assert token not in {record.digest, record.prefix, record.name}
    assert token.startswith(record.prefix)


def test_token_command_prints_a_working_token_once(client, call, capsys):
    from django.core.management import call_command

    MemberUserFactory(email="cmd@example.org")
    call_command("token", "create", "CMD@example.org")
    token = capsys.readouterr().out.strip()
    assert post(client, "open-call", BODY, token).status_code == 201
    call_command("token", "revoke", "cmd@example.org")
    assert post(client, "open-call", BODY, token).status_code == 401


def test_token_command_for_an_unknown_user_fails():
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="No user with the e-mail address 'x@example.org'"):
        call_command("token", "create", "x@example.org")
