from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sustainai.atlas.models import Initiative, InitiativeType
from sustainai.core import spreadsheets
from sustainai.core.permissions import permission_required
from sustainai.linkage import selectors, services, tasks
from sustainai.linkage.forms import DecisionForm, HintForm
from sustainai.linkage.models import CandidatePair, Decision, PairDecision
from sustainai.linkage.reasons import area_label

# action → (decision, first of the decision's pair is the queue's "a"?)
ACTIONS = {
    "merge_into_a": (Decision.MERGED, True),
    "merge_into_b": (Decision.MERGED, False),
    "a_version_of_b": (Decision.VERSION_OF, True),
    "b_version_of_a": (Decision.VERSION_OF, False),
    "a_part_of_b": (Decision.PART_OF, True),
    "b_part_of_a": (Decision.PART_OF, False),
    "distinct": (Decision.DISTINCT, True),
}


def _aliases(request) -> list[str]:
    found = []
    for value in request.GET.getlist("aliases"):
        separator = "\n" if "\n" in value else ","
        found += [a.strip() for a in value.split(separator) if a.strip()]
    return found


@require_GET
@permission_required("linkage.use_hint")
def hint(request):
    """htmx fragment for the submission form: the most similar published entries. Never blocks."""
    form = HintForm(request.GET)
    similar, pending = [], []
    if form.is_valid():
        data = form.cleaned_data
        described = {
            "name": data["name"],
            "website": data["website"],
            "aliases": _aliases(request),
            "description": data["description"],
            "exclude_id": data["exclude"],
        }
        similar = selectors.similar_initiatives(**described)
        pending = selectors.similar_pending(**described)
    # Another member's entry awaiting moderation is private: the hint says only that it exists.
    own = [item for item in pending if item.initiative.submitted_by_id == request.user.pk]
    return render(
        request,
        "linkage/hint.html",
        {"similar": similar, "pending_own": own, "pending_others": len(pending) - len(own)},
    )


@require_POST
@permission_required("linkage.review")
def merge_duplicate(request, duplicate: int, keep: int):
    """From a coordinator's review of an entry: merge it into the entry it duplicates."""
    duplicate_entry = get_object_or_404(Initiative, pk=duplicate)
    keep_entry = get_object_or_404(Initiative, pk=keep)
    try:
        services.merge_initiatives(keep_entry, duplicate_entry, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("atlas:review", pk=duplicate_entry.pk)
    messages.success(
        request,
        _("“%(duplicate)s” was merged into “%(keep)s”. The duplicates review can undo it.")
        % {"duplicate": duplicate_entry.name, "keep": keep_entry.name},
    )
    return redirect("atlas:moderation")


QUEUE_PAGE_SIZE = 25


@permission_required("linkage.review")
def queue(request):
    page = Paginator(selectors.review_queue(), QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "linkage/queue.html",
        {
            "page": page,
            "pairs": page.object_list,
            "form": DecisionForm(),
            "decisions": selectors.recent_decisions(),
        },
    )


@require_POST
@permission_required("linkage.review")
def decide(request, pk: int):
    pair = get_object_or_404(CandidatePair.objects.select_related("a", "b"), pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision for this pair."))
        return redirect("linkage:queue")
    decision, a_first = ACTIONS[form.cleaned_data["action"]]
    first, second = (pair.a, pair.b) if a_first else (pair.b, pair.a)
    try:
        services.decide(first, second, decision, request.user, note=form.cleaned_data["note"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Recorded: “%(a)s” / “%(b)s”: %(decision)s.")
            % {"a": first.name, "b": second.name, "decision": Decision(decision).label},
        )
    return redirect("linkage:queue")


@require_POST
@permission_required("linkage.review")
def undo(request, pk: int):
    decision = get_object_or_404(PairDecision, pk=pk)
    try:
        services.undo_decision(decision, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Decision undone."))
    return redirect("linkage:queue")


@require_POST
@permission_required("linkage.review")
def refresh(request):
    tasks.refresh_candidates.enqueue()
    messages.success(
        request, _("The duplicate search is running in the background; reload in a minute.")
    )
    return redirect("linkage:queue")


def _overlap_rows(clusters):
    types = dict(InitiativeType.choices)
    for number, cluster in enumerate(clusters, start=1):
        for initiative in cluster.initiatives:
            yield [
                number,
                cluster.topic,
                str(types.get(cluster.type, cluster.type)),
                area_label(cluster.area),
                initiative.name,
                "; ".join(o.name for o in initiative.lead_organisations.all()),
                initiative.website,
                initiative.start_year or "",
            ]


OVERLAP_HEADER = [
    "cluster",
    "topic",
    "type",
    "area",
    "initiative",
    "lead organisations",
    "website",
    "start year",
]


@permission_required("linkage.view_overlaps")
def overlaps(request):
    clusters = selectors.overlap_clusters()
    types = dict(InitiativeType.choices)
    for cluster in clusters:
        cluster.type_label = types.get(cluster.type, cluster.type)
        cluster.area_label = area_label(cluster.area)
    return render(request, "linkage/overlaps.html", {"clusters": clusters})


@permission_required("linkage.view_overlaps")
def overlaps_export(request, fmt: str):
    rows = list(_overlap_rows(selectors.overlap_clusters()))
    if fmt == "csv":
        response = HttpResponse(
            spreadsheets.csv_text(OVERLAP_HEADER, rows), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            spreadsheets.xlsx_bytes([("Overlaps", OVERLAP_HEADER, rows)]),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="atlas-overlaps.{fmt}"'
    return response
