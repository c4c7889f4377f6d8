import io

import pytest

from sustainai.accounts import demo as accounts_demo
from sustainai.atlas.models import Initiative, ModerationState
from sustainai.consultations import demo
from sustainai.consultations.models import Answer, Consultation, ProposedInitiative
from sustainai.members import demo as members_demo
from sustainai.members.models import Contact, MembershipApplication, MembershipStatus

pytestmark = pytest.mark.django_db


def load_all():
    out = io.StringIO()
    members_demo.load(out)
    accounts_demo.load(out)
    demo.load(out)


def test_demo_loads_a_closed_consultation_with_answers_and_a_proposal_idempotently():
    load_all()
    load_all()
    consultation = Consultation.objects.get()
    assert consultation.is_open() is False
    assert consultation.questions.count() == 5
    assert Answer.objects.count() == 5
    assert ProposedInitiative.objects.count() == 1
    assert Initiative.objects.get().state == ModerationState.SUBMITTED
    assert Contact.objects.count() == 8
    application = MembershipApplication.objects.get()
    assert application.organisation.status == MembershipStatus.APPLIED
    assert all(a.is_demo for a in Answer.objects.all())
