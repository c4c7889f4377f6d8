import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from sustainai.consultations.exports import to_csv
from sustainai.consultations.models import Answer, AnswerItem, ProposedInitiative, QuestionKind
from sustainai.consultations.selectors import results
from sustainai.core.spreadsheets import safe_cell
from tests.factories.consultations import ConsultationFactory, QuestionFactory
from tests.factories.members import OrganisationFactory

pytestmark = pytest.mark.django_db


def answer(consultation, organisation, **values):
    answer = Answer.objects.create(
        consultation=consultation,
        organisation=organisation,
        contact_name=f"Contact of {organisation.name}",
        contact_email="c@example.org",
    )
    for question, value in values.items():
        q = consultation.questions.get(text=question)
        item = AnswerItem.objects.create(
            answer=answer, question=q, text=value if isinstance(value, str) else ""
        )
        if not isinstance(value, str):
            item.choices.set(q.choices.filter(label__in=value))
    return answer


@pytest.fixture
def consultation():
    consultation = ConsultationFactory(slug="priorities", title="Priorities")
    QuestionFactory(
        consultation=consultation,
        position=0,
        text="Topics?",
        kind=QuestionKind.MULTIPLE,
        choices=["Standards", "Procurement", "Hackathons"],
    )
    QuestionFactory(
        consultation=consultation,
        position=1,
        text="Role?",
        kind=QuestionKind.SINGLE,
        choices=["Lead", "Follow"],
    )
    QuestionFactory(consultation=consultation, position=2, text="Obstacle?", kind=QuestionKind.TEXT)
    alpha = OrganisationFactory(name="Alpha", kind="startup", country="FR")
    beta = OrganisationFactory(name="Beta", kind="ngo", country="KE")
    answer(
        consultation,
        alpha,
        **{
            "Topics?": ["Standards", "Hackathons"],
            "Role?": ["Lead"],
            "Obstacle?": "No per-job energy data.",
        },
    )
    first = answer(
        consultation,
        beta,
        **{"Topics?": ["Standards"], "Role?": ["Follow"], "Obstacle?": '=HYPERLINK("x")'},
    )
    ProposedInitiative.objects.create(answer=first, name="Probe")
    return consultation


def test_results_count_choices_and_list_texts(consultation):
    total, per_question = results(consultation)
    assert total == 2
    assert [(r.question.text, r.choices, r.answered) for r in per_question[:2]] == [
        ("Topics?", [("Standards", 2), ("Procurement", 0), ("Hackathons", 1)], 2),
        ("Role?", [("Lead", 1), ("Follow", 1)], 2),
    ]
    assert per_question[2].texts == [
        ("Alpha", "No per-job energy data."),
        ("Beta", '=HYPERLINK("x")'),
    ]


def test_results_page_draws_a_bar_chart_per_choice_question(coordinator_client, consultation):
    body = coordinator_client.get(
        reverse("consultations:results", args=["priorities"])
    ).content.decode()
    assert body.count('role="img"') == 2
    assert "<title>Standards: 2</title>" in body
    assert "No per-job energy data." in body


def test_results_page_query_count_does_not_grow_with_answers(
    coordinator_client, consultation, django_assert_num_queries
):
    url = reverse("consultations:results", args=["priorities"])
    coordinator_client.get(url)
    with django_assert_num_queries(8):
        coordinator_client.get(url)
    answer(consultation, OrganisationFactory(name="Gamma"), **{"Topics?": ["Procurement"]})
    with django_assert_num_queries(8):
        assert coordinator_client.get(url).context["total"] == 3


def test_csv_export_has_one_row_per_organisation_and_neutralises_formulas(
    coordinator_client, consultation
):
    response = coordinator_client.get(reverse("consultations:export", args=["priorities", "csv"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="priorities-answers.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "Organisation",
        "Kind",
        "Country",
        "Contact name",
        "Contact e-mail",
        "Submitted (UTC)",
        "Updated (UTC)",
        "Topics?",
        "Role?",
        "Obstacle?",
        "Proposed initiatives",
    ]
    assert [row[:3] + row[7:] for row in rows[1:]] == [
        ["Alpha", "Start-up", "FR", "Standards; Hackathons", "Lead", "No per-job energy data.", ""],
        ["Beta", "NGO or association", "KE", "Standards", "Follow", '\'=HYPERLINK("x")', "Probe"],
    ]


def test_xlsx_export_has_answers_and_counts_sheets(coordinator_client, consultation):
    response = coordinator_client.get(reverse("consultations:export", args=["priorities", "xlsx"]))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Answers", "Counts"]
    answers = [[c.value for c in row] for row in workbook["Answers"].iter_rows()]
    assert answers[1][0] == "Alpha"
    assert answers[2][9] == '\'=HYPERLINK("x")'
    counts = [[c.value for c in row] for row in workbook["Counts"].iter_rows()]
    assert counts == [
        ["Question", "Choice", "Organisations"],
        ["Topics?", "Standards", 2],
        ["Topics?", "Procurement", 0],
        ["Topics?", "Hackathons", 1],
        ["Role?", "Lead", 1],
        ["Role?", "Follow", 1],
        ["Organisations that answered", None, 2],
    ]


def test_export_of_a_consultation_without_answers_has_only_the_header(consultation):
    Answer.objects.all().delete()
    assert to_csv(consultation).splitlines()[1:] == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+1", "'=1+1"), ("+33", "'+33"), ("-x", "'-x"), ("@SUM", "'@SUM"), ("ok", "ok"), (3, 3)],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected
