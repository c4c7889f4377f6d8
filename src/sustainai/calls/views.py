"""Pages of calls, expressions of interest, the tally, decisions and the dashboard."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_countries import countries

from sustainai.calls import exports, selectors, services
from sustainai.calls.forms import ExpressionForm
from sustainai.calls.models import Call, Expression, ProposedWorkstream
from sustainai.core import charts
from sustainai.core.permissions import permission_required, public
from sustainai.workstreams import selectors as workstream_selectors


def _workstream(request, slug, ws, **kwargs) -> ProposedWorkstream:
    """The proposal of the URL, fetched once per request (the permission check uses it too)."""
    cached = getattr(request, "_calls_workstream", None)
    if cached is None:
        cached = get_object_or_404(
            ProposedWorkstream.objects.select_related("call", "space"), call__slug=slug, slug=ws
        )
        request._calls_workstream = cached
    return cached


def _expression(request, slug, pk, **kwargs) -> Expression:
    return get_object_or_404(
        Expression.objects.select_related("organisation", "call"), call__slug=slug, pk=pk
    )


@public
@require_GET
def call_list(request):
    calls = list(selectors.calls_with_workstreams())
    return render(request, "calls/list.html", {"calls": calls})


@public
@require_GET
def call_detail(request, slug):
    call = get_object_or_404(selectors.calls_with_workstreams(), slug=slug)
    own = None
    if request.user.is_authenticated:
        own = selectors.expression_of(call, request.user.organisation_id)
    return render(
        request,
        "calls/detail.html",
        {
            "call": call,
            "workstreams": call.workstreams.all(),
            "own_expression": own,
            "can_express": request.user.has_perm("calls.express_interest"),
            "can_manage": request.user.has_perm("calls.manage_calls"),
        },
    )


@public
@require_GET
def workstream_detail(request, slug, ws):
    workstream = _workstream(request, slug, ws)
    space = workstream.space
    return render(
        request,
        "calls/workstream.html",
        {
            "workstream": workstream,
            "call": workstream.call,
            "leads": workstream_selectors.leads(space) if space else [],
            "can_view_space": space is not None
            and request.user.has_perm("workstreams.view_space", space),
        },
    )


@permission_required("calls.express_interest")
@require_http_methods(["GET", "POST"])
def express(request, slug):
    call = get_object_or_404(Call, slug=slug)
    existing = selectors.expression_of(call, request.user.organisation_id)
    status = 200
    if request.method == "POST":
        form = ExpressionForm(request.POST, call=call)
        if form.is_valid():
            submitted = form.to_input()
            try:
                expression, created = services.submit_expression(call, request.user, submitted)
            except services.InvalidExpression as error:
                form.add_service_errors(error.errors, submitted)
                status = 422
            except (services.CallClosed, services.CallNotOpenYet) as error:
                # The form may have been opened before the deadline: refuse, keep what was typed.
                form.add_error(None, str(error))
                status = 409
            else:
                messages.success(
                    request,
                    _("Your organisation's expression of interest was recorded.")
                    if created
                    else _("Your organisation's expression of interest was updated."),
                )
                return redirect("calls:expression", slug=call.slug, pk=expression.pk)
        else:
            status = 422
    else:
        # A first expression names the signed-in person as its contact; they may change it.
        initial = (
            {}
            if existing
            else {"contact_name": request.user.full_name, "contact_email": request.user.email}
        )
        form = ExpressionForm(call=call, expression=existing, initial=initial)
    return render(
        request,
        "calls/express.html",
        {"call": call, "form": form, "existing": existing},
        status=status,
    )


@permission_required("calls.view_expression", _expression)
@require_GET
def expression_detail(request, slug, pk):
    expression = get_object_or_404(
        selectors.expressions_of_call(get_object_or_404(Call, slug=slug)), pk=pk
    )
    return render(
        request,
        "calls/expression.html",
        {"expression": expression, "call": expression.call},
    )


@permission_required("calls.manage_calls")
@require_GET
def expression_list(request, slug):
    call = get_object_or_404(Call, slug=slug)
    return render(
        request,
        "calls/expressions.html",
        {"call": call, "expressions": list(selectors.expressions_of_call(call))},
    )


@permission_required("calls.manage_calls")
@require_GET
def decisions(request, slug):
    call = get_object_or_404(selectors.calls_with_workstreams(), slug=slug)
    return render(
        request,
        "calls/decisions.html",
        {"call": call, "workstreams": call.workstreams.all()},
    )


@permission_required("calls.manage_calls")
@require_POST
def tally(request, slug):
    call = get_object_or_404(Call, slug=slug)
    if services.tally_call(call.pk, force=call.tallied_at is not None):
        messages.success(request, _("Interest was counted for every workstream."))
    else:
        messages.error(request, _("The call is still open: interest is counted at its deadline."))
    return redirect("calls:decisions", slug=call.slug)


@permission_required("calls.manage_calls", _workstream)
@require_POST
def decide(request, slug, ws):
    workstream = _workstream(request, slug, ws)
    decision = request.POST.get("decision")
    if decision not in ("confirm", "not_confirm"):
        messages.error(request, _("Choose whether to confirm the workstream or not."))
        return redirect("calls:decisions", slug=slug)
    confirm = decision == "confirm"
    if request.POST.get("confirmed") != "yes":
        # A decision opens a workstream (or not) and drafts a mail to every respondent: the first
        # submit shows what will happen; only the second, from that page, decides.
        return render(
            request,
            "calls/decide_confirm.html",
            {
                "call": workstream.call,
                "workstream": workstream,
                "confirm": confirm,
                "decision": decision,
                "respondents": selectors.choices_of_proposal(workstream),
            },
        )
    try:
        mails = services.decide(workstream, confirm=confirm, user=request.user)
    except services.DecisionError as error:
        messages.error(request, str(error))
        return redirect("calls:decisions", slug=slug)
    messages.success(
        request,
        _("“%(workstream)s”: %(status)s. %(count)d draft e-mail(s) wait in the outbox for review.")
        % {
            "workstream": workstream.display_title,
            "status": workstream.get_status_display(),
            "count": len(mails),
        },
    )
    return redirect(reverse("outbox:list") + f"?call={slug}&workstream={ws}&state=draft")


@public
@require_GET
def spaces_moved(request):
    return HttpResponsePermanentRedirect(reverse("workstreams:list"))


@public
@require_GET
def space_moved(request, slug, ws, rest=""):
    """Spaces moved to ``/workstreams/<slug>/``; links and subscribed calendars follow them."""
    workstream = _workstream(request, slug, ws)
    if workstream.space is None:
        raise Http404
    return HttpResponsePermanentRedirect(
        reverse("workstreams:space", args=[workstream.space.slug]) + rest
    )


def _dashboard_call(request) -> Call | None:
    slug = request.GET.get("call")
    calls = Call.objects.order_by("-closes_at")
    if slug:
        return get_object_or_404(calls, slug=slug)
    return calls.first()


@permission_required("calls.manage_calls")
@require_GET
def dashboard(request):
    call = _dashboard_call(request)
    context = {"call": call, "calls": list(Call.objects.order_by("-closes_at"))}
    if call is not None:
        data = selectors.dashboard(call)
        context.update(
            data=data,
            workstream_chart=charts.bar_chart(
                [(row["workstream"].title, row["total"]) for row in data["workstreams"]],
                title=_("Interested organisations per workstream"),
            ),
            kind_chart=charts.bar_chart(
                data["kinds"], title=_("Respondents by kind of organisation")
            ),
            country_chart=charts.bar_chart(
                [
                    (countries.name(code) if code else _("Unknown"), n)
                    for code, n in data["countries"]
                ],
                title=_("Respondents by country"),
            ),
            time_chart=charts.line_chart(
                data["over_time"], title=_("Expressions of interest received over time")
            ),
        )
    return render(request, "calls/dashboard.html", context)


@permission_required("calls.manage_calls")
@require_GET
def dashboard_export(request):
    call = _dashboard_call(request)
    if call is None:
        raise Http404
    rows = selectors.export_rows(call)
    file_format = request.GET.get("format", "csv")
    if file_format == "xlsx":
        response = HttpResponse(
            exports.to_xlsx(rows, title=call.slug),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{call.slug}-interest.xlsx"'
        return response
    if file_format != "csv":
        return HttpResponse(
            _("Unknown export format “%(format)s”: use csv or xlsx.") % {"format": file_format},
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(exports.to_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{call.slug}-interest.csv"'
    return response
