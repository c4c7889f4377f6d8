import io

import pytest

from sustainai.accounts import demo as accounts_demo
from sustainai.calls import demo
from sustainai.calls.models import Call, Choice, Expression, ProposalStatus, ProposedWorkstream
from sustainai.members import demo as members_demo
from sustainai.outbox.models import OutboxMail
from sustainai.workstreams import demo as workstreams_demo
from sustainai.workstreams.models import Event, Meeting, Workstream, WorkstreamStatus

pytestmark = pytest.mark.django_db


def load():
    out = io.StringIO()
    members_demo.load(out)
    accounts_demo.load(out)
    demo.load(out)
    workstreams_demo.load(out)
    return out.getvalue()


def snapshot():
    return [
        list(model.objects.order_by("pk").values_list("pk", flat=True))
        for model in (Call, Expression, Choice, Workstream, Meeting, Event, OutboxMail)
    ]


def test_demo_has_the_2025_call_closed_tallied_and_decided():
    load()
    call = Call.objects.get(slug=demo.CALL_2025)
    assert call.closes_at.isoformat() == "2025-09-30T21:59:00+00:00"  # 23:59 in Paris (CEST)
    assert not call.is_open
    assert call.tallied_at is not None
    assert [w.title for w in call.workstreams.all()] == [
        "Roadmap of Standardization for AI environmental sustainability",
        "Public Procurement Toolkit for Sustainable AI Systems",
        "AI Pilots Showcase",
        "Guidelines to combine environmental transparency with trade sensitivity",
        "Data challenges and Hackathons",
        "Foresight into the environmental challenges of Agentic AI",
        "Open Library of Compressed AI models",
    ]
    statuses = dict(call.workstreams.values_list("slug", "status"))
    assert statuses["standardization-roadmap"] == ProposalStatus.CONFIRMED
    assert statuses["compressed-models-library"] == ProposalStatus.CONFIRMED
    assert statuses["ai-pilots-showcase"] == ProposalStatus.CONFIRMED
    assert statuses["transparency-trade-sensitivity"] == ProposalStatus.NOT_CONFIRMED
    spaces = dict(Workstream.objects.values_list("slug", "status"))
    assert spaces["standardization-roadmap"] == WorkstreamStatus.ACTIVE
    assert spaces["compressed-models-library"] == WorkstreamStatus.CONFIRMED
    assert spaces["ai-pilots-showcase"] == WorkstreamStatus.CONFIRMED
    assert "transparency-trade-sensitivity" not in spaces
    roadmap = Workstream.objects.get(slug="standardization-roadmap")
    assert call.workstreams.get(slug="standardization-roadmap").space == roadmap
    assert roadmap.meetings.count() == 2
    assert roadmap.events.filter(name="COP30", kind="cop").exists()
    assert OutboxMail.objects.filter(category="calls.decision", state="draft").count() == 21


def test_demo_open_call_is_open_when_loaded():
    load()
    assert Call.objects.get(slug=demo.OPEN_CALL).is_open


def test_demo_loads_twice_without_change():
    load()
    before = snapshot()
    load()
    assert snapshot() == before


def test_demo_2025_call_was_counted_at_its_deadline():
    load()
    call = Call.objects.get(slug=demo.CALL_2025)
    assert call.tallied_at == call.closes_at


def test_the_demo_workstreams_and_calls_have_french_titles(client):
    load()
    assert not Call.objects.filter(title_fr="").exists()
    assert not ProposedWorkstream.objects.filter(title_fr="").exists()
    # Those opened by a confirmation carry theirs into their space.
    assert not Workstream.objects.filter(title_fr="").exists()
    page = client.get("/calls/workstreams-2025/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Bibliothèque ouverte de modèles d&#x27;IA compressés" in page
    assert "Open Library of Compressed AI models" not in page
