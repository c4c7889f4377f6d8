"""Pages of the procurement toolkit: the criteria library (search, export, proposals and their
moderation), the tender builder and its documents, and the evaluation of bids."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sustainai.core import spreadsheets
from sustainai.core.permissions import permission_required, public
from sustainai.toolkits.procurement import documents, selectors, services
from sustainai.toolkits.procurement.forms import (
    BidFormSet,
    CriterionForm,
    DecisionForm,
    FilterForm,
    PackForm,
    UploadForm,
)
from sustainai.toolkits.procurement.models import Criterion, CriterionStatus, TenderPack

EXPORT_HEADER = (
    "code",
    "title",
    "wording",
    "kind",
    "level",
    "area",
    "evidence",
    "metric",
    "unit",
    "source",
    "source_url",
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _filters(request) -> tuple[FilterForm, selectors.Filters]:
    form = FilterForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, selectors.Filters(**{k: v.strip() for k, v in form.cleaned_data.items()})
    return form, selectors.Filters()


@public
@require_GET
def criteria(request):
    form, filters = _filters(request)
    return render(
        request,
        "procurement/criteria.html",
        {
            "form": form,
            "items": list(selectors.criteria(filters)),
            "query": request.GET.urlencode(),
            # Asked once, not once per criterion (a rule may query).
            "may_edit": request.user.has_perm("procurement.moderate"),
        },
    )


@public
@require_GET
def export(request, fmt):
    rows = [
        (
            c.code,
            c.title,
            c.wording,
            c.kind,
            c.level,
            c.area,
            c.evidence,
            c.metric,
            c.unit,
            c.source_title,
            c.source_url,
        )
        for c in selectors.criteria(_filters(request)[1])
    ]
    if fmt == "csv":
        response = HttpResponse(spreadsheets.csv_text(EXPORT_HEADER, rows), content_type="text/csv")
    elif fmt == "xlsx":
        response = HttpResponse(
            spreadsheets.xlsx_bytes([("criteria", EXPORT_HEADER, rows)], bold_header=True),
            content_type=XLSX,
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="procurement-criteria.{fmt}"'
    return response


@permission_required("procurement.propose")
@require_http_methods(["GET", "POST"])
def propose(request):
    form = CriterionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.propose_criterion(request.user, form.cleaned_data)
        except services.ProcurementError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Thank you: the workstream's leads will review it."))
            return redirect("procurement:criteria")
    return render(
        request,
        "procurement/propose.html",
        {"form": form},
        status=422 if request.method == "POST" else 200,
    )


@permission_required("procurement.moderate")
@require_http_methods(["GET", "POST"])
def edit_criterion(request, pk):
    criterion = get_object_or_404(Criterion, pk=pk)
    # The form gets its own copy: validating writes the posted values into its instance, and the
    # page's heading names the criterion as it is stored.
    form = CriterionForm(request.POST or None, instance=Criterion.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        services.edit_criterion(criterion, form.cleaned_data)
        messages.success(
            request, _("Criterion %(code)s saved.") % {"code": form.cleaned_data["code"]}
        )
        if criterion.status == CriterionStatus.PUBLISHED:
            return redirect(f"{reverse('procurement:criteria')}#{form.cleaned_data['code']}")
        return redirect("procurement:moderation")
    return render(
        request,
        "procurement/propose.html",
        {"form": form, "criterion": criterion},
        status=422 if request.method == "POST" else 200,
    )


@permission_required("procurement.moderate")
@require_GET
def moderation(request):
    return render(
        request,
        "procurement/moderation.html",
        {"items": list(selectors.pending()), "form": DecisionForm()},
    )


@permission_required("procurement.moderate")
@require_POST
def decide(request, pk):
    criterion = get_object_or_404(Criterion, pk=pk, status=CriterionStatus.PENDING)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=400)
    services.decide(criterion, request.user, form.cleaned_data["decision"] == "publish")
    messages.success(request, _("Decision recorded for %(code)s.") % {"code": criterion.code})
    return redirect("procurement:moderation")


def _sees_all(user) -> bool:
    return user.has_perm("procurement.moderate")


@permission_required("procurement.build")
@require_GET
def packs(request):
    return render(
        request,
        "procurement/packs.html",
        {"packs": list(selectors.packs_for(request.user, sees_all=_sees_all(request.user)))},
    )


@permission_required("procurement.build")
@require_http_methods(["GET", "POST"])
def builder(request):
    form = PackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            pack = services.build_pack(request.user, form.values())
        except services.ProcurementError as error:
            messages.error(request, str(error))
        else:
            return redirect("procurement:pack", pk=pack.pk)
    return render(
        request,
        "procurement/builder.html",
        {"form": form},
        status=422 if request.method == "POST" else 200,
    )


def _pack(request, pk, **kwargs):
    return get_object_or_404(TenderPack, pk=pk)


@permission_required("procurement.view_pack", _pack)
@require_GET
def pack(request, pk):
    pack = _pack(request, pk)
    return render(
        request,
        "procurement/pack.html",
        {
            "pack": pack,
            "groups": documents.grouped(selectors.pack_criteria(pack)),
            "grid": documents.scoring_grid(pack),
        },
    )


@permission_required("procurement.view_pack", _pack)
@require_GET
def pack_file(request, pk, name, fmt):
    pack = _pack(request, pk)
    chosen = selectors.pack_criteria(pack)
    if (name, fmt) == ("questionnaire", "xlsx"):
        body, kind = documents.questionnaire_xlsx(pack, chosen), XLSX
    elif (name, fmt) == ("pack", "docx"):
        body, kind = documents.pack_docx(pack, chosen), DOCX
    elif (name, fmt) == ("pack", "pdf"):
        body = documents.pack_pdf(pack, chosen, request.build_absolute_uri("/"))
        kind = "application/pdf"
    else:
        raise Http404
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="tender-{pack.pk}-{name}.{fmt}"'
    return response


@permission_required("procurement.view_pack", _pack)
@require_http_methods(["GET", "POST"])
def evaluate(request, pk):
    pack = _pack(request, pk)
    formset = BidFormSet(prefix="bids")
    upload = UploadForm()
    errors: list[dict] = []
    if request.method == "POST":
        bids: list[dict] = []
        if request.POST.get("action") == "upload":
            upload = UploadForm(request.POST, request.FILES)
            if upload.is_valid():
                for file in upload.cleaned_data["questionnaires"]:
                    try:
                        bids.append(documents.read_questionnaire(file.name, file.read(), pack))
                    except services.ProcurementError as error:
                        errors.extend(error.errors)
        else:
            formset = BidFormSet(request.POST, prefix="bids")
            if formset.is_valid():
                bids = [f.bid() for f in formset if f.has_changed() and f.cleaned_data]
        valid = upload.is_valid() if upload.is_bound else formset.is_valid()
        if valid and not errors:
            try:
                services.save_evaluation(pack, bids, request.user)
            except services.ProcurementError as error:
                errors = error.errors
            else:
                messages.success(request, _("Bids evaluated and saved."))
                return redirect("procurement:evaluate", pk=pack.pk)
    evaluation = selectors.latest_evaluation(pack)
    return render(
        request,
        "procurement/evaluate.html",
        {
            "pack": pack,
            "formset": formset,
            "upload": upload,
            "errors": errors,
            "evaluation": evaluation,
            "grid": documents.scoring_grid(pack),
        },
        status=422 if request.method == "POST" else 200,
    )
