"""The write side of the Atlas: submission, proposed edits, moderation, import."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.contrib import messages
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sustainai.atlas import moderation, services
from sustainai.atlas.forms import (
    DecisionForm,
    ImportForm,
    InitiativeForm,
    ProposalDecisionForm,
    ProposeEditForm,
)
from sustainai.atlas.importing import MAX_SHOWN, import_initiatives
from sustainai.atlas.models import EditProposal, Initiative, ModerationState, ProposalState
from sustainai.core.permissions import permission_required

IMPORT_SALT = "sustainai.atlas.import"
IMPORT_MAX_AGE = 3600  # seconds between the preview and the confirmation


def _initiative(request, pk):
    return get_object_or_404(Initiative, pk=pk)


def _published(request, slug):
    return get_object_or_404(Initiative, slug=slug, state=ModerationState.PUBLISHED)


@require_http_methods(["GET", "POST"])
@permission_required("atlas.submit_initiative")
def submit(request):
    form = InitiativeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        initiative = services.submit_initiative(submitted_by=request.user, **form.values())
        messages.success(
            request,
            _("Thank you: “%(name)s” awaits moderation. You will be told by e-mail.")
            % {"name": initiative.name},
        )
        return redirect("atlas:my_submissions")
    return render(
        request,
        "atlas/contribute/submit.html",
        {"form": form, "heading": _("Submit an initiative"), "submit_label": _("Submit")},
    )


@require_http_methods(["GET", "POST"])
@permission_required("atlas.edit_own_submission", _initiative)
def edit_submission(request, pk):
    initiative = _initiative(request, pk)
    form = InitiativeForm(
        request.POST or None,
        initial=InitiativeForm.initial_from(services.initiative_values(initiative)),
    )
    if request.method == "POST" and form.is_valid():
        services.resubmit_initiative(initiative, by=request.user, values=form.values())
        messages.success(request, _("Your changes are saved and back in the moderation queue."))
        return redirect("atlas:my_submissions")
    return render(
        request,
        "atlas/contribute/submit.html",
        {
            "form": form,
            "initiative": initiative,
            "heading": _("Edit your submission"),
            "submit_label": _("Save and resubmit"),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("atlas.propose_edit", _published)
def propose_edit(request, slug):
    initiative = _published(request, slug)
    form = ProposeEditForm(
        request.POST or None,
        initial=InitiativeForm.initial_from(services.initiative_values(initiative)),
        may_see_contact=request.user.has_perm("atlas.read_initiative_contact", initiative),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.propose_edit(
                initiative,
                by=request.user,
                values=form.values(),
                comment=form.cleaned_data["comment"],
            )
        except services.NothingChanged as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Thank you: a coordinator will review your proposed changes.")
            )
            return redirect("atlas:my_submissions")
    return render(
        request,
        "atlas/contribute/submit.html",
        {
            "form": form,
            "initiative": initiative,
            "heading": _("Propose changes to “%(name)s”") % {"name": initiative.name},
            "submit_label": _("Propose these changes"),
        },
    )


@permission_required("atlas.view_own_submissions")
def my_submissions(request):
    return render(
        request,
        "atlas/contribute/my_submissions.html",
        {
            "initiatives": list(moderation.submissions_of(request.user)),
            "proposals": list(moderation.proposals_of(request.user)),
        },
    )


@permission_required("atlas.moderate")
def moderation_queue(request):
    return render(
        request,
        "atlas/contribute/moderation.html",
        {
            "submitted": list(moderation.submitted_queue()),
            "proposals": list(moderation.pending_proposals()),
            "waiting": list(moderation.awaiting_submitter()),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("atlas.moderate")
def review(request, pk):
    initiative = get_object_or_404(
        Initiative.objects.select_related("submitted_by__organisation"), pk=pk
    )
    awaiting = initiative.state in services.AWAITING_SUBMITTER
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
        try:
            if decision == DecisionForm.PUBLISH:
                services.publish_initiative(initiative, by=request.user, note=note)
                done = _("“%(name)s” is published; its submitter is told.")
            elif decision == DecisionForm.CHANGES:
                services.request_changes(initiative, by=request.user, note=note)
                done = _("“%(name)s” went back to its submitter for changes.")
            else:
                services.reject_initiative(initiative, by=request.user, reason=note)
                done = _("“%(name)s” is rejected; its submitter is told why.")
        except services.ModerationError as error:
            messages.error(request, str(error))
            return redirect("atlas:review", pk=initiative.pk)
        messages.success(request, done % {"name": initiative.name})
        return redirect("atlas:moderation")
    history = initiative.history.select_related("history_user").order_by("-history_date")[:20]
    return render(
        request,
        "atlas/contribute/review.html",
        {
            "initiative": initiative,
            "rows": moderation.initiative_rows(initiative),
            "form": form if awaiting else None,
            "history": history,
        },
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@permission_required("atlas.moderate")
def review_edit(request, pk):
    proposal = get_object_or_404(
        EditProposal.objects.select_related("initiative", "proposed_by", "decided_by"), pk=pk
    )
    form = ProposalDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
        try:
            if decision == ProposalDecisionForm.ACCEPT:
                services.accept_proposal(proposal, by=request.user, note=note)
                done = _("The changes to “%(name)s” are applied; the proposer is told.")
            else:
                services.reject_proposal(proposal, by=request.user, reason=note)
                done = _("The proposed changes to “%(name)s” are rejected; the proposer is told.")
        except services.ModerationError as error:
            messages.error(request, str(error))
            return redirect("atlas:review_edit", pk=proposal.pk)
        messages.success(request, done % {"name": proposal.initiative.name})
        return redirect("atlas:moderation")
    return render(
        request,
        "atlas/contribute/review_edit.html",
        {
            "proposal": proposal,
            "diff": moderation.proposal_diff(proposal),
            "form": form if proposal.state == ProposalState.PENDING else None,
        },
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@permission_required("atlas.import_initiatives")
def import_file(request):
    """Upload → dry-run preview → confirm. The upload waits in storage between the two steps."""
    if request.method == "POST" and "token" in request.POST:
        return _confirm_import(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    context = {"form": form, "max_shown": MAX_SHOWN}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        name = PurePath(upload.name).name
        options = {
            "filename": name,
            "mapping": form.cleaned_data["mapping"],
            "as_submitted": form.cleaned_data["as_submitted"],
            "source": form.cleaned_data["source"] or name,
        }
        report = import_initiatives(data, dry_run=True, by=request.user, **options)
        context["report"] = report
        if report.ok and report.to_create:
            stored = default_storage.save(
                f"atlas-imports/{uuid.uuid4().hex}/{name}", ContentFile(data)
            )
            context["token"] = signing.dumps({"path": stored, **options}, salt=IMPORT_SALT)
    return render(request, "atlas/contribute/import.html", context)


def _confirm_import(request):
    try:
        job = signing.loads(request.POST["token"], salt=IMPORT_SALT, max_age=IMPORT_MAX_AGE)
    except signing.BadSignature:
        messages.error(request, _("This preview has expired: upload the file again."))
        return redirect("atlas:import")
    path = job.pop("path")
    if not default_storage.exists(path):
        messages.error(request, _("This file was already imported or has expired."))
        return redirect("atlas:import")
    with default_storage.open(path, "rb") as stored:
        data = stored.read()
    report = import_initiatives(data, by=request.user, **job)
    if not report.ok:  # the Atlas changed since the preview
        return render(
            request,
            "atlas/contribute/import.html",
            {"form": ImportForm(), "report": report, "max_shown": MAX_SHOWN},
            status=400,
        )
    default_storage.delete(path)
    messages.success(
        request,
        _("%(created)s initiatives imported from %(source)s (%(unchanged)s already there).")
        % {"created": report.created, "source": report.source, "unchanged": report.unchanged},
    )
    return redirect("atlas:moderation" if report.as_submitted else "atlas:import")
