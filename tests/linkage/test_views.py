import csv
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from sustainai.atlas.models import ModerationState, Topic
from sustainai.linkage import semantic, services, tasks
from sustainai.linkage.checks import semantic_extra
from sustainai.linkage.models import CandidatePair, Decision, InitiativeRelation, PairDecision
from tests.factories.linkage import CandidatePairFactory, LinkedInitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def translated_pair():
    """The Coalition for Sustainable AI under its French and its English name."""
    common = dict(
        start_year=2025,
        type="coalition",
        leads=["Ministère de la Transition écologique", "UNEP"],
        countries=["FR"],
    )
    fr = LinkedInitiativeFactory(
        name="Coalition pour une IA durable",
        website="https://www.ecologie.gouv.fr/fr/coalition-ia-durable",
        **common,
    )
    en = LinkedInitiativeFactory(
        name="Coalition for Sustainable AI",
        website="https://www.ecologie.gouv.fr/en/coalition-ia-durable",
        **common,
    )
    return fr, en


@pytest.mark.parametrize("name", ["linkage:queue", "linkage:overlaps"])
def test_coordinator_pages_send_anonymous_visitors_to_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", ["linkage:queue", "linkage:overlaps"])
def test_coordinator_pages_are_forbidden_to_members(member_client, name):
    assert member_client.get(reverse(name)).status_code == 403


def test_hint_is_forbidden_to_users_of_no_member_organisation(client, plain_user):
    client.force_login(plain_user)
    assert client.get(reverse("linkage:hint"), {"name": "x"}).status_code == 403


def test_hint_lists_similar_entries_with_links_to_propose_an_edit(member_client, translated_pair):
    fr, en = translated_pair
    response = member_client.get(
        reverse("linkage:hint"),
        {
            "name": "Coalition for sustainable AI",
            "website": "ecologie.gouv.fr/coalition-ia-durable",
            "aliases": "CSAI\nCoalition IA durable",
            "description": "",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert html.index("Coalition for Sustainable AI") < html.index("Coalition pour une IA durable")
    assert f'href="/atlas/i/{en.slug}/"' in html
    assert html.count("Propose an edit instead") == 2
    assert "the same web page" in html


def test_hint_with_nothing_typed_is_empty(member_client, translated_pair):
    response = member_client.get(reverse("linkage:hint"))
    assert response.status_code == 200
    assert "<li>" not in response.content.decode()


def test_hint_excludes_the_initiative_being_edited(coordinator_client, translated_pair):
    fr, en = translated_pair
    response = coordinator_client.get(
        reverse("linkage:hint"),
        {"name": en.name, "website": en.website, "exclude": en.pk},
    )
    html = response.content.decode()
    assert fr.name in html
    assert f"/atlas/i/{en.slug}/" not in html


@pytest.mark.parametrize("count", [1, 3])
def test_queue_query_count_does_not_grow_with_pairs(
    coordinator_client, django_assert_num_queries, count
):
    for _ in range(count):
        pair = CandidatePairFactory()
        pair.a.lead_organisations.add(
            *LinkedInitiativeFactory(leads=["Mila"]).lead_organisations.all()
        )
    # session, user, count, pairs, lead organisations of a and b, recent decisions
    with django_assert_num_queries(7):
        response = coordinator_client.get(reverse("linkage:queue"))
    assert response.status_code == 200
    assert response.content.decode().count('class="candidate-pair"') == count


def test_queue_is_paginated(coordinator_client):
    from sustainai.linkage.views import QUEUE_PAGE_SIZE

    for _ in range(QUEUE_PAGE_SIZE + 1):
        CandidatePairFactory()
    first = coordinator_client.get(reverse("linkage:queue")).content.decode()
    second = coordinator_client.get(reverse("linkage:queue"), {"page": 2}).content.decode()
    assert first.count('class="candidate-pair"') == QUEUE_PAGE_SIZE
    assert second.count('class="candidate-pair"') == 1
    assert f"{QUEUE_PAGE_SIZE + 1} candidate pairs, best first." in first
    assert "Page 2 of 2" in second


def test_queue_shows_score_and_reasons(coordinator_client):
    CandidatePairFactory(score=0.97, reasons=["same_standard", "alias"])
    html = coordinator_client.get(reverse("linkage:queue")).content.decode()
    assert "Score 0.97" in html
    assert "the same standard number, or one known to be the same standard" in html
    assert "one is known by the other&#x27;s name or short name" in html


def test_merge_from_the_queue_keeps_the_chosen_record(coordinator_client, translated_pair):
    fr, en = translated_pair
    pair = CandidatePair.objects.create(a=fr, b=en, score=0.99, reasons=["same_website"])
    response = coordinator_client.post(
        reverse("linkage:decide", kwargs={"pk": pair.pk}), {"action": "merge_into_b"}
    )
    assert response.status_code == 302
    fr.refresh_from_db()
    en.refresh_from_db()
    assert (fr.state, fr.merged_into) == (ModerationState.MERGED, en)
    assert en.aliases == ["Coalition pour une IA durable"]
    decision = PairDecision.objects.get()
    assert (decision.a, decision.b, decision.decision, decision.score) == (en, fr, "merged", 0.99)


def test_version_of_from_the_queue_creates_the_relation(coordinator_client):
    pair = CandidatePairFactory()
    coordinator_client.post(
        reverse("linkage:decide", kwargs={"pk": pair.pk}), {"action": "b_version_of_a"}
    )
    relation = InitiativeRelation.objects.get()
    assert (relation.source, relation.target, relation.kind) == (pair.b, pair.a, "version_of")


def test_decide_without_an_action_changes_nothing(coordinator_client):
    pair = CandidatePairFactory()
    response = coordinator_client.post(
        reverse("linkage:decide", kwargs={"pk": pair.pk}), {}, follow=True
    )
    assert "Choose a decision for this pair." in response.content.decode()
    assert CandidatePair.objects.count() == 1
    assert PairDecision.objects.count() == 0


def test_members_cannot_decide(member_client):
    pair = CandidatePairFactory()
    response = member_client.post(
        reverse("linkage:decide", kwargs={"pk": pair.pk}), {"action": "distinct"}
    )
    assert response.status_code == 403
    assert PairDecision.objects.count() == 0


def test_undo_from_the_queue(coordinator_client, coordinator):
    pair = CandidatePairFactory()
    coordinator_client.post(
        reverse("linkage:decide", kwargs={"pk": pair.pk}), {"action": "distinct"}
    )
    decision = PairDecision.objects.get()
    html = coordinator_client.get(reverse("linkage:queue")).content.decode()
    assert "Distinct" in html and "Undo" in html
    coordinator_client.post(reverse("linkage:undo", kwargs={"pk": decision.pk}))
    decision.refresh_from_db()
    assert decision.undone_by == coordinator
    assert CandidatePair.objects.filter(a=pair.a, b=pair.b).exists()


def test_refresh_button_runs_the_batch_task(coordinator_client, translated_pair):
    response = coordinator_client.post(reverse("linkage:refresh"))
    assert response.status_code == 302
    assert CandidatePair.objects.count() == 1


def test_refresh_task_returns_the_number_of_pairs(translated_pair):
    result = tasks.refresh_candidates.enqueue()
    assert result.return_value == 1


@pytest.fixture
def overlapping():
    topic = Topic.objects.create(slug="measurement-test", name="Measurement")
    for name, lead in [("CodeCarbon", "Mila"), ("Carbontracker", "University of Copenhagen")]:
        initiative = LinkedInitiativeFactory(
            name=name,
            type="tool",
            leads=[lead],
            regions=["EU"],
            website=f"https://{name.lower()}.example/",
        )
        initiative.topics.add(topic)


def test_overlap_report_lists_clusters(coordinator_client, overlapping):
    html = coordinator_client.get(reverse("linkage:overlaps")).content.decode()
    assert "Measurement · Tool · European Union" in html
    assert "CodeCarbon" in html and "Carbontracker" in html


def test_overlap_report_exports_csv(coordinator_client, overlapping):
    response = coordinator_client.get(reverse("linkage:overlaps_export", kwargs={"fmt": "csv"}))
    assert response["Content-Disposition"] == 'attachment; filename="atlas-overlaps.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        [
            "cluster",
            "topic",
            "type",
            "area",
            "initiative",
            "lead organisations",
            "website",
            "start year",
        ],
        [
            "1",
            "Measurement",
            "Tool",
            "European Union",
            "Carbontracker",
            "University of Copenhagen",
            "https://carbontracker.example/",
            "",
        ],
        [
            "1",
            "Measurement",
            "Tool",
            "European Union",
            "CodeCarbon",
            "Mila",
            "https://codecarbon.example/",
            "",
        ],
    ]


def test_overlap_report_exports_xlsx(coordinator_client, overlapping):
    response = coordinator_client.get(reverse("linkage:overlaps_export", kwargs={"fmt": "xlsx"}))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[2]][:5] == [
        1,
        "Measurement",
        "Tool",
        "European Union",
        "Carbontracker",
    ]
    assert sheet.max_row == 3


def test_duplicates_command_prints_json_best_first(translated_pair):
    fr, en = translated_pair
    out = io.StringIO()
    call_command("duplicates", stdout=out, stderr=io.StringIO())
    rows = json.loads(out.getvalue())
    assert len(rows) == 1
    assert rows[0]["a"] == {"id": fr.pk, "name": fr.name}
    assert rows[0]["b"] == {"id": en.pk, "name": en.name}
    assert 0.8 <= rows[0]["score"] <= 1.0
    assert rows[0]["reasons"][:1] == ["the same web page"]
    assert CandidatePair.objects.count() == 0  # printing alone leaves the queue alone


def test_duplicates_command_csv_with_min_score_and_refresh(translated_pair):
    LinkedInitiativeFactory(
        name="Coalition for Sustainable AI", type="research", website="https://other.example/"
    )
    out = io.StringIO()
    call_command(
        "duplicates",
        "--format",
        "csv",
        "--min-score",
        "0.0",
        "--refresh",
        stdout=out,
        stderr=io.StringIO(),
    )
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == ["a_id", "a_name", "b_id", "b_name", "score", "reasons"]
    scores = [float(r[4]) for r in rows[1:]]
    assert scores == sorted(scores, reverse=True)
    assert len(rows) >= 3
    # --refresh stores only what reaches the queue's threshold.
    assert CandidatePair.objects.count() == 1


def test_duplicates_command_rejects_a_score_out_of_range():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="between 0 and 1"):
        call_command("duplicates", "--min-score", "2")


@pytest.mark.skipif(semantic.available(), reason="the semantic extra is installed here")
def test_the_semantic_pass_asked_for_without_its_extra_is_refused_with_the_way_to_get_it(
    translated_pair, settings
):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as caught:
        call_command("duplicates", "--semantic", stdout=io.StringIO(), stderr=io.StringIO())
    assert str(caught.value) == services.SEMANTIC_MISSING
    settings.SUSTAINAI_DUPLICATES_SEMANTIC = True
    with pytest.raises(services.SemanticUnavailable):
        services.refresh_candidates()
    assert CandidatePair.objects.count() == 0
    # The setting's default is overridden by --no-semantic, and the run goes on without it.
    out = io.StringIO()
    call_command("duplicates", "--no-semantic", stdout=out, stderr=io.StringIO())
    assert len(json.loads(out.getvalue())) == 1
    assert [error.id for error in semantic_extra(None)] == ["linkage.E001"]
    settings.SUSTAINAI_DUPLICATES_SEMANTIC = False
    assert semantic_extra(None) == []


@pytest.mark.skipif(not semantic.available(), reason="the semantic extra is not installed")
def test_the_semantic_pass_keeps_the_commands_json_contract(translated_pair):
    fr, en = translated_pair
    out = io.StringIO()
    call_command("duplicates", "--semantic", stdout=out, stderr=io.StringIO())
    rows = json.loads(out.getvalue())
    assert [(row["a"]["id"], row["b"]["id"]) for row in rows] == [(fr.pk, en.pk)]
    assert set(rows[0]) == {"a", "b", "score", "reasons"}


def test_demo_loader_fills_the_queue(translated_pair):
    from sustainai.linkage import demo

    out = io.StringIO()
    demo.load(out)
    demo.load(out)
    assert CandidatePair.objects.count() == 1
    assert "1 candidate duplicate pairs" in out.getvalue()


def test_distinct_decision_from_queue_is_never_proposed_again(coordinator_client, translated_pair):
    tasks.refresh_candidates.enqueue()
    pair = CandidatePair.objects.get()
    coordinator_client.post(
        reverse("linkage:decide", kwargs={"pk": pair.pk}), {"action": "distinct"}
    )
    tasks.refresh_candidates.enqueue()
    assert CandidatePair.objects.count() == 0
    assert PairDecision.objects.get().decision == Decision.DISTINCT


def _submitted(name: str, by, **kwargs):
    from tests.factories.atlas import SubmittedInitiativeFactory

    return SubmittedInitiativeFactory(name=name, submitted_by=by, **kwargs)


def test_hint_says_a_twin_awaits_moderation_without_showing_another_members_entry(
    member_client, member_user
):
    from tests.factories.accounts import MemberUserFactory

    theirs = _submitted("Code Carbon tracker", MemberUserFactory(), website="https://a.example")
    html = member_client.get(reverse("linkage:hint"), {"name": "Code Carbon tracker"}).text
    assert "A similar entry is already awaiting moderation." in html
    assert theirs.name not in html
    assert f"/atlas/moderation/{theirs.pk}/" not in html
    mine = _submitted("Code Carbon tracker", member_user)
    html = member_client.get(reverse("linkage:hint"), {"name": "Code Carbon tracker"}).text
    assert "You already submitted “Code Carbon tracker”: it is awaiting moderation." in html
    assert f'href="/atlas/mine/{mine.pk}/edit/">Edit that entry instead</a>' in html
    assert "A similar entry is already awaiting moderation." in html


def test_hint_proposes_the_edit_form_of_a_published_twin(member_client, translated_pair):
    fr, en = translated_pair
    html = member_client.get(reverse("linkage:hint"), {"name": en.name}).text
    assert f'<a href="/atlas/i/{en.slug}/propose-edit/">Propose an edit instead</a>' in html


def test_coordinator_sees_pending_twins_on_review_and_merges_the_duplicate(
    coordinator_client, member_user
):
    from tests.factories.accounts import MemberUserFactory

    first = _submitted("Code Carbon tracker", MemberUserFactory())
    second = _submitted("Code Carbon tracker", member_user)
    page = coordinator_client.get(reverse("atlas:review", args=[second.pk])).text
    panel = page[page.index('<section class="duplicate-review"') :]
    panel = panel[: panel.index("</section>")]
    assert f'<a href="/atlas/moderation/{first.pk}/">Code Carbon tracker</a>' in panel
    assert "Awaiting moderation" in panel
    action = f"/atlas/duplicates/merge/{second.pk}/into/{first.pk}/"
    assert f'action="{action}"' in panel
    assert "Duplicate of “Code Carbon tracker”: merge into it" in panel
    response = coordinator_client.post(action, follow=True)
    assert response.redirect_chain[-1][0] == reverse("atlas:moderation")
    assert [str(m) for m in response.context["messages"]] == [
        "“Code Carbon tracker” was merged into “Code Carbon tracker”. "
        "The duplicates review can undo it."
    ]
    second.refresh_from_db()
    assert (second.state, second.merged_into_id) == (ModerationState.MERGED, first.pk)
    decision = PairDecision.objects.get()
    assert (decision.a_id, decision.b_id, decision.decision) == (first.pk, second.pk, "merged")
