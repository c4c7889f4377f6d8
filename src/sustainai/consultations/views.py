from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sustainai.accounts.rules import is_member_user
from sustainai.consultations import exports, selectors, services
from sustainai.consultations.forms import AnswerForm
from sustainai.consultations.models import Consultation
from sustainai.core.charts import bar_chart
from sustainai.core.permissions import permission_required


@permission_required("consultations.view_consultations")
def consultation_list(request):
    if request.user.is_staff:
        consultations = list(selectors.consultations_with_counts())
    else:
        consultations = selectors.consultations_for_member(request.user.organisation)
    return render(request, "consultations/list.html", {"consultations": consultations})


@permission_required("consultations.view_consultations")
def detail(request, slug: str):
    consultation = get_object_or_404(Consultation, slug=slug)
    organisation = request.user.organisation if is_member_user(request.user) else None
    answer = selectors.answer_of(consultation, organisation)
    return render(
        request,
        "consultations/detail.html",
        {
            "consultation": consultation,
            "questions": selectors.questions(consultation),
            "answer": answer,
            "values": selectors.answer_values(answer),
            "can_answer": organisation is not None and consultation.is_open(),
            "not_yet_open": timezone.now() < consultation.opens_at,
        },
    )


@permission_required("consultations.answer_consultation")
def answer(request, slug: str):
    consultation = get_object_or_404(Consultation, slug=slug)
    questions = selectors.questions(consultation)
    existing = selectors.answer_of(consultation, request.user.organisation)
    is_open = consultation.is_open()
    initial = {}
    if existing is not None:
        initial = {"contact_name": existing.contact_name, "contact_email": existing.contact_email}
    elif request.user.full_name:
        initial = {"contact_name": request.user.full_name, "contact_email": request.user.email}
    form = AnswerForm(
        request.POST or None,
        questions=questions,
        initial_values=selectors.answer_values(existing),
        initial=initial,
        disabled=not is_open and request.method != "POST",
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            proposal = None
            if data["initiative_name"]:
                proposal = services.InitiativeProposal(
                    name=data["initiative_name"],
                    summary=data["initiative_summary"],
                    website=data["initiative_website"],
                )
            try:
                _answer, created = services.save_answer(
                    consultation=consultation,
                    user=request.user,
                    responses=form.responses(),
                    contact_name=data["contact_name"],
                    contact_email=data["contact_email"],
                    proposal=proposal,
                )
            except services.ConsultationClosed as error:
                # The form stays filled in, so that nothing typed is lost.
                form.add_error(None, error.message)
                status = 409
            except services.AnswerError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
                status = 400
            else:
                messages.success(
                    request,
                    _("Your organisation's answer is saved.")
                    if created
                    else _("Your organisation's answer is updated."),
                )
                if proposal is not None:
                    messages.info(
                        request,
                        _("“%(name)s” is proposed for the Atlas; coordinators will review it.")
                        % {"name": proposal.name},
                    )
                return redirect("consultations:detail", slug=consultation.slug)
        else:
            status = 400
    return render(
        request,
        "consultations/answer.html",
        {
            "consultation": consultation,
            "form": form,
            "answer": existing,
            "is_open": is_open,
            "not_yet_open": timezone.now() < consultation.opens_at,
        },
        status=status,
    )


@permission_required("consultations.view_results")
def results(request, slug: str):
    consultation = get_object_or_404(Consultation, slug=slug)
    total, question_results = selectors.results(consultation)
    charts = {
        result.question.pk: bar_chart(
            result.choices,
            title=result.question.text,
            description=ngettext(
                "Organisations per choice, out of %(n)s answer.",
                "Organisations per choice, out of %(n)s answers.",
                total,
            )
            % {"n": total},
            chart_id=f"question-{result.question.pk}",
        )
        for result in question_results
        if result.choices
    }
    for result in question_results:
        result.chart = charts.get(result.question.pk)
    return render(
        request,
        "consultations/results.html",
        {"consultation": consultation, "total": total, "results": question_results},
    )


@permission_required("consultations.view_results")
def export(request, slug: str, fmt: str):
    consultation = get_object_or_404(Consultation, slug=slug)
    if fmt == "csv":
        response = HttpResponse(
            exports.to_csv(consultation), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            exports.to_xlsx(consultation),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{consultation.slug}-answers.{fmt}"'
    return response
