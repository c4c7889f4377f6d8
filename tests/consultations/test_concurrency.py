"""Two users of one organisation saving its first answer at the same moment (PostgreSQL, where
writers really run in parallel)."""

import threading

import pytest
from django.db import connection

from sustainai.consultations.models import Answer, QuestionKind
from sustainai.consultations.services import save_answer
from tests.factories.accounts import MemberUserFactory
from tests.factories.consultations import ConsultationFactory, QuestionFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent writers (PostgreSQL)"
    ),
]


def test_simultaneous_first_answers_of_one_organisation_make_one_answer():
    consultation = ConsultationFactory()
    question = QuestionFactory(consultation=consultation, kind=QuestionKind.TEXT)
    first = MemberUserFactory()
    users = [first, *MemberUserFactory.create_batch(5, organisation=first.organisation)]
    barrier = threading.Barrier(len(users))
    outcomes, errors = [], []

    def answer(user):
        from django.db import connections

        try:
            barrier.wait()
            outcomes.append(
                save_answer(
                    consultation=consultation,
                    user=user,
                    responses={question.pk: f"by {user.email}"},
                )[1]
            )
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=answer, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(outcomes) == [False] * 5 + [True]
    assert Answer.objects.count() == 1
    assert Answer.objects.get().items.count() == 1
