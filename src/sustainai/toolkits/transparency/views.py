"""Pages of the transparency toolkit: published tables for all, figures for their organisation,
raw figures for appointed readers, tables and readers for coordinators."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sustainai.core.permissions import permission_required, public
from sustainai.members.models import Organisation
from sustainai.toolkits.transparency import selectors, services
from sustainai.toolkits.transparency.catalogue import METRICS
from sustainai.toolkits.transparency.forms import (
    AttestationForm,
    AuditorForm,
    BandScaleForm,
    FigureForm,
    GroupForm,
    IntensityForm,
    ReaderForm,
    TableForm,
    UploadForm,
)
from sustainai.toolkits.transparency.models import AggregateTable, Submission
from sustainai.toolkits.transparency.uploads import read_rows


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _status(request) -> int:
    """A POST that reaches the template again was refused: 422, as everywhere on the platform."""
    return 422 if request.method == "POST" else 200


@public
@require_GET
def index(request):
    return render(
        request,
        "transparency/index.html",
        {
            "tables": selectors.published_tables(),
            "attestations": selectors.attestations()[:50],
            "metrics": METRICS.values(),
        },
    )


@public
@require_GET
def table_detail(request, pk: int):
    table = get_object_or_404(AggregateTable, pk=pk)
    if not table.published and not request.user.has_perm("transparency.manage_tables"):
        raise Http404
    return render(
        request,
        "transparency/table.html",
        {"table": table, "view": selectors.table_view(table)},
    )


@permission_required("transparency.submit_figures")
@require_http_methods(["GET", "POST"])
def submit(request):
    form = FigureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit(request.user.organisation, request.user, form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your figure is recorded, encrypted."))
            return redirect("transparency:mine")
    return render(request, "transparency/submit.html", {"form": form}, status=_status(request))


@permission_required("transparency.submit_figures")
@require_http_methods(["GET", "POST"])
def upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.submit_many(
                request.user.organisation, request.user, read_rows(form.cleaned_data["file"])
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s figure recorded, encrypted.",
                    "%(count)s figures recorded, encrypted.",
                    count,
                )
                % {"count": count},
            )
            return redirect("transparency:mine")
    return render(request, "transparency/upload.html", {"form": form}, status=_status(request))


@permission_required("transparency.submit_figures")
@require_http_methods(["GET", "POST"])
def mine(request):
    organisation = request.user.organisation
    group = getattr(organisation, "group_of_companies", None)
    group_form = GroupForm(request.POST or None, initial={"name": group.name if group else ""})
    if request.method == "POST" and group_form.is_valid():
        try:
            services.declare_group(organisation, group_form.cleaned_data["name"])
        except ValidationError as error:
            _add_errors(group_form, error)
        else:
            messages.success(request, _("Your group of companies is saved."))
            return redirect("transparency:mine")
    submissions = [
        (submission, services.read_value(submission, request.user))
        for submission in selectors.own_submissions(organisation.pk)
    ]
    return render(
        request,
        "transparency/mine.html",
        {
            "submissions": submissions,
            "reads": selectors.reads_of(organisation.pk),
            "group_form": group_form,
        },
        status=_status(request),
    )


def _own_submission(request, pk: int, **kwargs) -> Submission:
    return get_object_or_404(Submission, pk=pk)


@permission_required("transparency.withdraw_figure", _own_submission)
@require_POST
def withdraw(request, pk: int):
    services.withdraw(_own_submission(request, pk), request.user)
    messages.success(request, _("The figure is withdrawn; published tables no longer count it."))
    return redirect("transparency:mine")


@permission_required("transparency.read_figures")
@require_GET
def figures(request):
    submissions = [
        (submission, services.read_value(submission, request.user))
        for submission in selectors.all_submissions()
    ]
    return render(request, "transparency/figures.html", {"submissions": submissions})


@permission_required("transparency.manage_tables")
@require_http_methods(["GET", "POST"])
def manage(request):
    form = TableForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            table = services.save_table(form.save(commit=False), request.user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The table is computed; check it before publishing it."))
            return redirect("transparency:table", pk=table.pk)
    return render(
        request,
        "transparency/manage.html",
        {"form": form, "tables": selectors.all_tables()},
        status=_status(request),
    )


@permission_required("transparency.manage_tables")
@require_POST
def publish(request, pk: int):
    table = get_object_or_404(AggregateTable, pk=pk)
    publish_it = request.POST.get("published") == "1"
    services.set_published(table, publish_it, request.user)
    messages.success(
        request, _("The table is published.") if publish_it else _("The table is withdrawn.")
    )
    return redirect("transparency:table", pk=table.pk)


@permission_required("transparency.manage_readers")
@require_http_methods(["GET", "POST"])
def readers(request):
    form = ReaderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = get_user_model().objects.filter(email__iexact=form.cleaned_data["email"]).first()
        if user is None:
            form.add_error("email", _("No account has this address."))
        else:
            services.grant_reader(user, request.user)
            messages.success(request, _("%(name)s may now read the raw figures.") % {"name": user})
            return redirect("transparency:readers")
    return render(
        request,
        "transparency/readers.html",
        {"form": form, "readers": selectors.readers()},
        status=_status(request),
    )


@permission_required("transparency.manage_readers")
@require_POST
def revoke(request, user_id: int):
    user = get_object_or_404(get_user_model(), pk=user_id)
    services.revoke_reader(user)
    messages.success(request, _("%(name)s no longer reads the raw figures.") % {"name": user})
    return redirect("transparency:readers")


def _account(email: str):
    return get_user_model().objects.filter(email__iexact=email, is_active=True).first()


@permission_required("transparency.grant_auditors")
@require_http_methods(["GET", "POST"])
def auditors(request):
    organisation = request.user.organisation
    form = AuditorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        auditor = _account(form.cleaned_data["email"])
        if auditor is None:
            form.add_error("email", _("No account has this address."))
        else:
            services.grant_auditor(organisation, auditor, request.user)
            messages.success(request, _("%(name)s may now audit your figures.") % {"name": auditor})
            return redirect("transparency:auditors")
    return render(
        request,
        "transparency/auditors.html",
        {"form": form, "grants": selectors.auditors_of(organisation.pk)},
        status=_status(request),
    )


@permission_required("transparency.grant_auditors")
@require_POST
def revoke_auditor(request, user_id: int):
    auditor = get_object_or_404(get_user_model(), pk=user_id)
    services.revoke_auditor(request.user.organisation, auditor)
    messages.success(request, _("%(name)s no longer audits your figures.") % {"name": auditor})
    return redirect("transparency:auditors")


@permission_required("transparency.audit")
@require_GET
def audit(request):
    return render(
        request, "transparency/audit.html", {"grants": selectors.audited_by(request.user)}
    )


def _audited(request, slug: str, **kwargs) -> Organisation:
    return get_object_or_404(Organisation, slug=slug)


@permission_required("transparency.audit_organisation", _audited)
@require_http_methods(["GET", "POST"])
def audit_organisation(request, slug: str):
    organisation = _audited(request, slug)
    form = AttestationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.attest(organisation, request.user, form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your attestation is published."))
            return redirect("transparency:audit")
    return render(
        request,
        "transparency/audit_organisation.html",
        {
            "organisation": organisation,
            "figures": services.audit_figures(organisation, request.user),
            "form": form,
        },
        status=_status(request),
    )


@public
@require_GET
def intensities(request):
    return render(
        request,
        "transparency/intensities.html",
        {"rows": services.published_intensities(), "scales": selectors.band_scales()},
    )


@permission_required("transparency.submit_figures")
@require_http_methods(["GET", "POST"])
def report_intensity(request):
    form = IntensityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_intensity(request.user.organisation, request.user, form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your energy intensity is recorded, encrypted."))
            return redirect("transparency:report_intensity")
    own = [
        (intensity, services.read_value_of_intensity(intensity))
        for intensity in selectors.own_intensities(request.user.organisation_id)
    ]
    return render(
        request,
        "transparency/report_intensity.html",
        {"form": form, "own": own},
        status=_status(request),
    )


@permission_required("transparency.manage_tables")
@require_http_methods(["GET", "POST"])
def band_scales(request):
    form = BandScaleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.set_band_scale(data["task"], data["thresholds"], data["basis"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The band scale is saved."))
            return redirect("transparency:band_scales")
    return render(
        request,
        "transparency/band_scales.html",
        {"form": form, "scales": selectors.band_scales()},
        status=_status(request),
    )
