"""Pages of event reports: the coordinators' list and forms, the review, the public report in each
of its languages, its PDF, its data appendix and the diff of two reports."""

from __future__ import annotations

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sustainai.core import spreadsheets
from sustainai.core.permissions import permission_required, public
from sustainai.reports import selectors, services
from sustainai.reports.forms import CommentForm, ReportForm
from sustainai.reports.models import Report, ReportState
from sustainai.reports.rules import may_approve

PDF_CACHE_SECONDS = 24 * 3600


def _report(request, slug, **_kwargs):
    return get_object_or_404(Report, slug=slug)


def _errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@public
def report_list(request: HttpRequest) -> HttpResponse:
    manager = request.user.has_perm("reports.manage_reports")
    reports = selectors.all_reports() if manager else selectors.published_reports()
    return render(request, "reports/list.html", {"reports": list(reports), "manager": manager})


@permission_required("reports.manage_reports")
def create(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = ReportForm(
        request.POST or None,
        initial={"languages": ["en", "fr"], "as_of": today, "event_date": today},
    )
    if request.method == "POST" and form.is_valid():
        try:
            report = services.create_report(request.user, **form.cleaned_data)
        except ValidationError as error:
            _errors(request, error)
        else:
            return redirect("reports:manage", report.slug)
    return render(request, "reports/form.html", {"form": form})


@permission_required("reports.manage_reports")
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    report = _report(request, slug)
    form = ReportForm(request.POST or None, instance=Report.objects.get(pk=report.pk))
    if request.method == "POST" and report.state != ReportState.PUBLISHED and form.is_valid():
        try:
            services.update_report(report, **form.cleaned_data)
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("Report saved."))
            return redirect("reports:manage", report.slug)
    return render(
        request,
        "reports/manage.html",
        {"report": report, "form": form, "pending": services.pending_sections(report)},
    )


@permission_required("reports.manage_reports")
@require_POST
def freeze(request: HttpRequest, slug: str) -> HttpResponse:
    report = _report(request, slug)
    try:
        services.freeze(report)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("Report frozen: its sections are ready for review."))
    return redirect("reports:manage", report.slug)


@permission_required("reports.manage_reports")
@require_POST
def publish(request: HttpRequest, slug: str) -> HttpResponse:
    report = _report(request, slug)
    try:
        services.publish(report)
    except ValidationError as error:
        _errors(request, error)
        return redirect("reports:manage", report.slug)
    messages.success(request, _("Report published."))
    return redirect("reports:detail", report.slug)


def _reviewed_sections(request: HttpRequest, report: Report) -> list[dict]:
    """The report's sections in the reader's language, each with its approval, its comments and
    whether this user may approve it."""
    approvals = {approval.key: approval for approval in report.approvals.all()}
    comments: dict[str, list] = {}
    for item in report.comments.select_related("author"):
        comments.setdefault(item.key, []).append(item)
    return [
        {
            **section,
            "approval": approvals.get(section["key"]),
            "comments": comments.get(section["key"], []),
            "may_approve": may_approve(request.user, section["workstream"]),
        }
        for section in selectors.sections_of(report, translation.get_language())
    ]


def _neighbours(sections: list[dict], key: str) -> dict | None:
    """The section ``key`` with the ones before and after it, for a page of one section."""
    keys = [section["key"] for section in sections]
    if key not in keys:
        return None
    index = keys.index(key)
    return {
        "section": sections[index],
        "previous": sections[index - 1] if index else None,
        "next": sections[index + 1] if index + 1 < len(sections) else None,
    }


@permission_required("reports.review_report", _report)
def review(request: HttpRequest, slug: str) -> HttpResponse:
    """Every section's key figures and review status, each linking to its own review page."""
    report = get_object_or_404(Report.objects.prefetch_related("approvals"), slug=slug)
    return render(
        request,
        "reports/review.html",
        {"report": report, "sections": _reviewed_sections(request, report)},
    )


@permission_required("reports.review_report", _report)
def review_section(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    """One section in full, with its approval and comments: what a lead reads before approving."""
    report = get_object_or_404(Report.objects.prefetch_related("approvals"), slug=slug)
    found = _neighbours(_reviewed_sections(request, report), key)
    if found is None:
        raise Http404
    return render(
        request,
        "reports/review_section.html",
        {"report": report, "form": CommentForm(), **found},
    )


@permission_required("reports.review_report", _report)
@require_POST
def add_comment(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    report = _report(request, slug)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment(report, key, request.user, form.cleaned_data["text"])
        except ValidationError as error:
            _errors(request, error)
    else:
        messages.error(request, _("Write a comment."))
    return redirect("reports:review_section", report.slug, key)


@permission_required("reports.review_report", _report)
@require_POST
def approve(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    report = _report(request, slug)
    try:
        services.approve(report, key, request.user)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("Section approved."))
    return redirect("reports:review_section", report.slug, key)


@permission_required("reports.view_report", _report)
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    report = _report(request, slug)
    return redirect(
        "reports:page", report.slug, selectors.language_of(report, translation.get_language())
    )


def _context(report: Report, language: str) -> dict:
    return {
        "report": report,
        "language": language,
        "sections": selectors.sections_of(report, language),
        "languages": report.languages,
    }


@permission_required("reports.view_report", _report)
def page(request: HttpRequest, slug: str, language: str) -> HttpResponse:
    report = _report(request, slug)
    if language not in report.languages or not report.snapshot:
        raise Http404
    with translation.override(language):
        return render(request, "reports/page.html", _context(report, language))


@permission_required("reports.view_report", _report)
def section(request: HttpRequest, slug: str, language: str, key: str) -> HttpResponse:
    """One section of the report in full: its charts, tables and lists."""
    report = _report(request, slug)
    if language not in report.languages or not report.snapshot:
        raise Http404
    found = _neighbours(selectors.sections_of(report, language), key)
    if found is None:
        raise Http404
    with translation.override(language):
        return render(request, "reports/section.html", {**_context(report, language), **found})


@permission_required("reports.view_report", _report)
def pdf(request: HttpRequest, slug: str, language: str) -> HttpResponse:
    """The report as a tagged PDF (PDF/UA-1: headings and the charts' alternative text)."""
    from weasyprint import HTML

    report = _report(request, slug)
    if language not in report.languages or not report.snapshot:
        raise Http404
    # A frozen snapshot renders the same PDF every time: kept in the cache under its hash.
    key = f"reports:pdf:{report.pk}:{language}:{report.data_version.get('snapshot', '')}"
    document = cache.get(key)
    if document is None:
        with translation.override(language):
            html = render_to_string("reports/pdf.html", _context(report, language), request)
        document = bytes(
            HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(
                pdf_variant="pdf/ua-1", pdf_tags=True
            )
        )
        cache.set(key, document, PDF_CACHE_SECONDS)
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{report.slug}-{language}.pdf"'
    return response


@permission_required("reports.view_report", _report)
def data(request: HttpRequest, slug: str) -> HttpResponse:
    report = _report(request, slug)
    if not report.snapshot:
        raise Http404
    language = selectors.language_of(report, translation.get_language())
    return render(
        request,
        "reports/data.html",
        {
            "report": report,
            "language": language,
            "sections": selectors.sections_of(report, language),
        },
    )


@permission_required("reports.view_report", _report)
def table(
    request: HttpRequest, slug: str, language: str, key: str, table: str, fmt: str
) -> HttpResponse:
    report = _report(request, slug)
    found = selectors.find_table(report, language, key, table)
    if found is None or language not in report.languages or fmt not in ("csv", "xlsx"):
        raise Http404
    name = f"{report.slug}-{language}-{key}-{table}"
    if fmt == "csv":
        response = HttpResponse(
            spreadsheets.csv_text(found["columns"], found["rows"]),
            content_type="text/csv; charset=utf-8",
        )
    else:
        response = HttpResponse(
            spreadsheets.xlsx_bytes(
                [(found["title"], found["columns"], found["rows"])], bold_header=True
            ),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@permission_required("reports.view_report", _report)
def workbook(request: HttpRequest, slug: str, language: str) -> HttpResponse:
    """Every table of the report in one workbook, a sheet each."""
    report = _report(request, slug)
    if language not in report.languages or not report.snapshot:
        raise Http404
    sheets = [
        (f"{position + 1} {found['title']}"[:31], found["columns"], found["rows"])
        for position, found in enumerate(
            t for section in selectors.sections_of(report, language) for t in section["tables"]
        )
    ]
    response = HttpResponse(
        spreadsheets.xlsx_bytes(sheets, bold_header=True),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{report.slug}-{language}.xlsx"'
    return response


@public
def diff(request: HttpRequest) -> HttpResponse:
    """Two reports' figures side by side; each report must be one the visitor may see."""
    visible = [
        report
        for report in selectors.all_reports().exclude(snapshot={})
        if request.user.has_perm("reports.view_report", report)
    ]
    by_slug = {report.slug: report for report in visible}
    before, after = (
        by_slug.get(request.GET.get("before", "")),
        by_slug.get(request.GET.get("after", "")),
    )
    language = translation.get_language()
    rows = selectors.diff(before, after, language) if before and after else None
    return render(
        request,
        "reports/diff.html",
        {"reports": visible, "before": before, "after": after, "rows": rows},
    )
