"""API tokens: expiry, scopes, the throttle on failed authentications, and the token command."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from sustainai.accounts.models import ApiScope, ApiToken
from sustainai.accounts.tokens import create_token
from tests.calls.test_api import BODY, post
from tests.factories.accounts import MemberUserFactory
from tests.factories.calls import CallFactory, ExpressionFactory, ProposedWorkstreamFactory

pytestmark = pytest.mark.django_db

MINE = "/api/v1/calls/open-call/expressions/mine"


@pytest.fixture
def call():
    now = timezone.now()
    call = CallFactory(
        slug="open-call",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=1),
    )
    ProposedWorkstreamFactory(call=call, slug="alpha", position=1)
    return call


@pytest.fixture
def member():
    return MemberUserFactory(email="api@example.org")


def get(client, url, token, **extra):
    return client.get(url, headers={"Authorization": f"Bearer {token}"}, **extra)


# --- Expiry ----------------------------------------------------------------------------------


def test_a_token_expires_after_the_default_lifetime_of_90_days(member):
    before = timezone.now()
    record, _token = create_token(member)
    after = timezone.now()
    assert before + datetime.timedelta(days=90) <= record.expires_at
    assert record.expires_at <= after + datetime.timedelta(days=90)


def test_the_default_lifetime_is_a_setting(member, settings):
    settings.API_TOKEN_LIFETIME_DAYS = 7
    record, _token = create_token(member)
    assert record.expires_at - record.created_at == pytest.approx(
        datetime.timedelta(days=7), abs=datetime.timedelta(seconds=1)
    )


def test_an_expired_token_is_refused_with_401_and_says_so(client, call, member):
    record, token = create_token(member)
    expired = timezone.now().replace(microsecond=0) - datetime.timedelta(seconds=1)
    ApiToken.objects.filter(pk=record.pk).update(expires_at=expired)
    response = post(client, "open-call", BODY, token)
    assert response.status_code == 401
    assert response.json() == {
        "detail": f"This API token expired on {expired:%Y-%m-%d %H:%M} UTC. Ask for a new one."
    }


def test_a_lifetime_must_be_positive(member):
    with pytest.raises(ValueError, match="A token's lifetime must be positive."):
        create_token(member, expires_in=datetime.timedelta(0))


# --- Scopes ----------------------------------------------------------------------------------


def test_a_token_without_scopes_may_read_and_write(client, call, member):
    _record, token = create_token(member)
    assert post(client, "open-call", BODY, token).status_code == 201
    response = get(client, MINE, token)
    assert response.status_code == 200
    assert response.json()["workstreams"] == [
        {"slug": "alpha", "role": "lead", "motivation": "We lead."}
    ]


def test_a_read_token_reads_but_may_not_write(client, call, member):
    ExpressionFactory(call=call, organisation=member.organisation, contact_name="Alex Contact")
    _record, token = create_token(member, scopes=[ApiScope.READ_EXPRESSIONS])
    assert get(client, MINE, token).json()["contact_name"] == "Alex Contact"
    response = post(client, "open-call", BODY, token)
    assert response.status_code == 403
    assert response.json() == {
        "detail": "This API token does not have the scope 'expressions:write' "
        "(it has: expressions:read)."
    }


def test_a_write_token_writes_but_may_not_read(client, call, member):
    _record, token = create_token(member, scopes=[ApiScope.WRITE_EXPRESSIONS])
    assert post(client, "open-call", BODY, token).status_code == 201
    response = get(client, MINE, token)
    assert response.status_code == 403
    assert response.json() == {
        "detail": "This API token does not have the scope 'expressions:read' "
        "(it has: expressions:write)."
    }


def test_reading_an_expression_never_expressed_is_404(client, call, member):
    _record, token = create_token(member)
    response = get(client, MINE, token)
    assert response.status_code == 404
    assert response.json() == {
        "detail": "Your organisation has expressed no interest in this call."
    }


def test_an_unknown_scope_is_refused(member):
    with pytest.raises(ValueError, match="Unknown scope\\(s\\): expressions:delete."):
        create_token(member, scopes=["expressions:delete"])


# --- Failed authentications per address ------------------------------------------------------


def test_the_21st_bad_token_from_one_address_in_10_minutes_gets_429(client, call, member):
    _record, good = create_token(member)
    for n in range(20):
        assert get(client, MINE, f"sai_guess{n}").status_code == 401
    response = get(client, MINE, "sai_guess20")
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    assert response.json() == {
        "detail": "Too many failed token authentications from this address. "
        "Try again in 10 minutes at the latest."
    }
    # Blocked for the period, even with a good token; another address is not.
    assert get(client, MINE, good).status_code == 429
    assert get(client, MINE, good, REMOTE_ADDR="203.0.113.9").status_code == 404


def test_good_tokens_do_not_count_and_the_limit_is_a_setting(client, call, member, settings):
    settings.API_TOKEN_FAILURE_LIMIT = 2
    settings.API_TOKEN_FAILURE_PERIOD = 60
    _record, good = create_token(member)
    statuses = [get(client, MINE, token).status_code for token in [good, "x", good, "y", good]]
    assert statuses == [404, 401, 404, 401, 429]
    assert get(client, MINE, good)["Retry-After"] == "60"


# --- The command -----------------------------------------------------------------------------


def test_token_create_with_a_lifetime_and_scopes(client, call, member, capsys):
    call_command(
        "token", "create", "api@example.org", "--expires-in", "30", "--scope", "expressions:read"
    )
    token = capsys.readouterr().out.strip()
    record = ApiToken.objects.get()
    assert record.scopes == "expressions:read"
    assert record.expires_at - record.created_at == pytest.approx(
        datetime.timedelta(days=30), abs=datetime.timedelta(seconds=1)
    )
    assert get(client, MINE, token).status_code == 404
    assert post(client, "open-call", BODY, token).status_code == 403


@pytest.mark.parametrize("days", ["0", "3651"])
def test_token_create_refuses_a_lifetime_out_of_bounds(member, days):
    with pytest.raises(CommandError, match="--expires-in must be between 1 and 3650 days."):
        call_command("token", "create", "api@example.org", "--expires-in", days)
    assert ApiToken.objects.count() == 0


def test_token_list_and_revoke_one(member, capsys):
    laptop, _ = create_token(member, name="laptop", scopes=[ApiScope.READ_EXPRESSIONS])
    server, _ = create_token(member, name="server")
    call_command("token", "revoke", "api@example.org", "--prefix", laptop.prefix)
    assert capsys.readouterr().out == "1 token(s) of api@example.org revoked.\n"
    call_command("token", "list", "api@example.org")
    today = f"{timezone.now():%Y-%m-%d}"
    expires = f"{server.expires_at:%Y-%m-%d}"
    assert capsys.readouterr().out.splitlines() == [
        f"{server.prefix}…  expires {expires}  scopes: all  last used: never  "
        f"created {today}  server",
        f"{laptop.prefix}…  revoked {today}  scopes: expressions:read  last used: never  "
        f"created {today}  laptop",
    ]


def test_token_list_of_a_user_without_tokens(member, capsys):
    call_command("token", "list", "api@example.org")
    assert capsys.readouterr().out == "api@example.org has no API token.\n"
