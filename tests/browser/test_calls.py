import datetime

import pytest
from django.core import mail
from django.utils import timezone

from sustainai.calls import services
from sustainai.calls.models import Expression, ProposalStatus, ProposedWorkstream
from sustainai.outbox.models import MailState, OutboxMail
from tests.factories.calls import CallFactory, ExpressionFactory, ProposedWorkstreamFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_answers_a_call(page, login, member_user):
    call = CallFactory(slug="open-call", title="Open call")
    ProposedWorkstreamFactory(call=call, slug="roadmap", title="Standards roadmap", position=1)
    ProposedWorkstreamFactory(call=call, slug="library", title="Model library", position=2)
    login(member_user)
    page.goto("/calls/open-call/")
    page.get_by_role("button", name="Express your organisation's interest").click()
    page.get_by_role("checkbox", name="Model library").check()
    page.select_option("#id_ws_library_role", "lead")
    page.fill("#id_ws_library_motivation", "We publish compressed models.")
    page.fill("#id_contact_name", "Morgan Member")
    page.fill("#id_contact_email", "morgan@example.org")
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Save the expression of interest").click()
    assert page.locator(".message").inner_text() == (
        "Your organisation's expression of interest was recorded."
    )
    assert page.locator("tbody tr td").all_inner_texts() == [
        "Model library",
        "Lead",
        "We publish compressed models.",
    ]
    expression = Expression.objects.get()
    assert expression.organisation == member_user.organisation
    assert expression.contact_email == "morgan@example.org"


def test_a_coordinator_confirms_a_workstream_and_sends_the_outbox(page, login, coordinator):
    call = CallFactory(
        slug="closed-call",
        opens_at=timezone.now() - datetime.timedelta(days=30),
        closes_at=timezone.now() - datetime.timedelta(minutes=5),
    )
    workstream = ProposedWorkstreamFactory(
        call=call, slug="roadmap", title="Standards roadmap", confirmation_threshold=2
    )
    for email in ("one@example.org", "two@example.org"):
        ExpressionFactory(call=call, contact_email=email, workstreams=[workstream])
    services.sweep()
    login(coordinator)
    page.goto("/calls/closed-call/decisions/")
    row = page.locator("#workstream-roadmap")
    assert row.locator("td").nth(1).inner_text() == "2 at closing"
    assert row.locator("td").nth(3).inner_text() == "Confirm"
    row.get_by_role("button", name="Confirm", exact=True).click()
    # Nothing is decided yet: the page says what will happen and who gets which mail.
    assert page.locator("h1").inner_text() == "Confirm “Standards roadmap”?"
    assert page.locator("main ul.cards li").count() == 2
    assert "to " in page.locator("main ul.cards li").first.inner_text()
    assert ProposedWorkstream.objects.get(pk=workstream.pk).status == ProposalStatus.PROPOSED
    page.get_by_role("button", name="Yes, confirm the workstream").click()
    page.wait_for_url("**/outbox/?call=closed-call&workstream=roadmap&state=draft")
    assert page.locator("ul.outbox-mails > li").count() == 2
    page.get_by_role("button", name="Send the 2 filtered drafts").click()
    assert page.locator(".message").last.inner_text() == (
        "2 mail(s) queued for sending; the list shows their state."
    )
    assert ProposedWorkstream.objects.get(pk=workstream.pk).status == ProposalStatus.CONFIRMED
    assert sorted(m.to[0] for m in mail.outbox) == ["one@example.org", "two@example.org"]
    assert set(OutboxMail.objects.values_list("state", flat=True)) == {MailState.SENT}
