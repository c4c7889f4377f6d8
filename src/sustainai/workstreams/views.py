"""Pages of workstream spaces: the list, a space, its meetings (iCalendar), deliverables, events."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sustainai.core import registry
from sustainai.core.permissions import permission_required
from sustainai.workstreams import ical, selectors, services
from sustainai.workstreams.forms import DeliverableForm, EventForm, MeetingForm
from sustainai.workstreams.models import Meeting, Workstream


def _workstream(request, slug, **kwargs) -> Workstream:
    """The workstream of the URL, fetched once per request (the permission check uses it too)."""
    cached = getattr(request, "_workstream", None)
    if cached is None:
        cached = get_object_or_404(selectors.space(slug))
        request._workstream = cached
    return cached


@permission_required("workstreams.view_spaces")
@require_GET
def space_list(request):
    return render(
        request,
        "workstreams/list.html",
        {"workstreams": list(selectors.spaces_of(request.user))},
    )


@permission_required("workstreams.view_space", _workstream)
@require_GET
def space(request, slug):
    workstream = _workstream(request, slug)
    return render(
        request,
        "workstreams/space.html",
        {
            "workstream": workstream,
            "participants": selectors.participants(workstream),
            "meetings": list(workstream.meetings.all()),
            "deliverables": list(workstream.deliverables.all()),
            "events": list(workstream.events.all()),
            # What other apps show here (the call's contacts), then the workstream's toolkits.
            "panels": registry.render_panels("workstreams.space", request, workstream),
            "toolkit_panels": registry.render_workstream_panels(request, workstream),
            "can_edit": request.user.has_perm("workstreams.edit_space", workstream),
            "can_manage": request.user.has_perm("workstreams.manage_workstreams"),
        },
    )


@permission_required("workstreams.manage_workstreams", _workstream)
@require_POST
def advance(request, slug):
    workstream = _workstream(request, slug)
    try:
        workstream = services.advance(workstream)
    except services.WorkstreamError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("“%(workstream)s” is now %(status)s.")
            % {
                "workstream": workstream.display_title,
                "status": workstream.get_status_display().lower(),
            },
        )
    return redirect("workstreams:space", slug=slug)


def _calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@permission_required("workstreams.view_space", _workstream)
@require_GET
def space_calendar(request, slug):
    workstream = _workstream(request, slug)
    meetings = workstream.meetings.select_related("workstream")
    return _calendar_response(
        ical.meetings_calendar(meetings, name=workstream.display_title), f"{workstream.slug}.ics"
    )


@permission_required("workstreams.view_space", _workstream)
@require_GET
def meeting_detail(request, slug, pk):
    workstream = _workstream(request, slug)
    meeting = get_object_or_404(workstream.meetings.prefetch_related("attendees"), pk=pk)
    return render(
        request,
        "workstreams/meeting.html",
        {
            "workstream": workstream,
            "meeting": meeting,
            "can_edit": request.user.has_perm("workstreams.edit_space", workstream),
        },
    )


@permission_required("workstreams.view_space", _workstream)
@require_GET
def meeting_calendar(request, slug, pk):
    workstream = _workstream(request, slug)
    meeting = get_object_or_404(workstream.meetings.select_related("workstream"), pk=pk)
    return _calendar_response(
        ical.meetings_calendar([meeting], name=workstream.display_title),
        f"{workstream.slug}-meeting-{meeting.pk}.ics",
    )


SPACE_FORMS = {
    "meeting": (MeetingForm, _("meeting")),
    "deliverable": (DeliverableForm, _("deliverable")),
    "event": (EventForm, _("event")),
}


def _space_form(request, slug, kind, instance=None):
    workstream = _workstream(request, slug)
    form_class, label = SPACE_FORMS[kind]
    extra = {"workstream": workstream} if form_class is MeetingForm else {}
    status = 200
    if request.method == "POST":
        form = form_class(request.POST, instance=instance, **extra)
        if form.is_valid():
            services.save_space_item(form, workstream)
            messages.success(request, _("The %(item)s was saved.") % {"item": label})
            return redirect("workstreams:space", slug=slug)
        status = 422
    else:
        form = form_class(instance=instance, **extra)
    return render(
        request,
        "workstreams/space_form.html",
        {
            "workstream": workstream,
            "form": form,
            "item_label": label,
            "editing": instance is not None,
        },
        status=status,
    )


@permission_required("workstreams.edit_space", _workstream)
@require_http_methods(["GET", "POST"])
def add_space_item(request, slug, kind):
    if kind not in SPACE_FORMS:
        raise Http404
    return _space_form(request, slug, kind)


@permission_required("workstreams.edit_space", _workstream)
@require_http_methods(["GET", "POST"])
def meeting_edit(request, slug, pk):
    meeting = get_object_or_404(Meeting, workstream=_workstream(request, slug), pk=pk)
    return _space_form(request, slug, "meeting", instance=meeting)
