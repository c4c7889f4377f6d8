"""The coordinators' outbox: filter, review and edit drafts, send them in bulk, retry failures."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sustainai.core import registry
from sustainai.core.permissions import permission_required
from sustainai.outbox import selectors, services
from sustainai.outbox.forms import FilterForm, MailForm
from sustainai.outbox.models import MailState, OutboxMail

FILTER_KEYS = ("category", "state", *selectors.TAG_FILTERS)
PAGE_SIZE = 50


def _filters(params) -> dict[str, str]:
    return {key: params[key] for key in FILTER_KEYS if params.get(key)}


def _list_url(filters: dict[str, str]) -> str:
    return reverse("outbox:list") + ("?" + urlencode(filters) if filters else "")


@permission_required("outbox.manage_outbox")
@require_http_methods(["GET", "POST"])
def mail_list(request):
    if request.method == "POST":
        return _bulk_action(request)
    filters = _filters(request.GET)
    form = FilterForm(initial=filters, categories=selectors.categories())
    queryset = selectors.filtered(filters)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = {
        state: n
        for state, n in (
            selectors.filtered({k: v for k, v in filters.items() if k != "state"})
            .order_by()
            .values_list("state")
            .annotate(n=Count("pk"))
        )
    }
    return render(
        request,
        "outbox/list.html",
        {
            "form": form,
            "filters": filters,
            "page": page,
            "mails": _with_topics(list(page.object_list)),
            "counts": [(label, counts.get(value, 0)) for value, label in MailState.choices],
            "drafts": counts.get(MailState.DRAFT, 0),
            "failed": counts.get(MailState.FAILED, 0),
            "query": urlencode(filters),
        },
    )


def _with_topics(mails: list[OutboxMail]) -> list[OutboxMail]:
    """The mails, each with ``topic``: what it is in words (``None`` when its app says nothing)."""
    topics = registry.mail_topics(mails)
    for mail in mails:
        mail.topic = topics.get(mail.pk)  # type: ignore[attr-defined]
    return mails


def _bulk_action(request):
    filters = _filters(request.POST)
    action = request.POST.get("action")
    if action == "send_selected":
        ids = [int(pk) for pk in request.POST.getlist("selected") if pk.isdigit()]
        if not ids:
            messages.error(request, _("Select at least one mail to send."))
            return redirect(_list_url(filters))
        mails = OutboxMail.objects.filter(pk__in=ids)
    elif action == "send_filtered":
        mails = selectors.filtered({**filters, "state": MailState.DRAFT})
    elif action == "retry_failed":
        mails = selectors.filtered({**filters, "state": MailState.FAILED})
    else:
        messages.error(request, _("Unknown action."))
        return redirect(_list_url(filters))
    queued = services.send_drafts(list(mails.only("pk")))
    messages.success(
        request,
        _("%(count)d mail(s) queued for sending; the list shows their state.") % {"count": queued},
    )
    return redirect(_list_url(filters))


@permission_required("outbox.manage_outbox")
@require_http_methods(["GET", "POST"])
def mail_edit(request, pk):
    mail = get_object_or_404(OutboxMail, pk=pk)
    editable = mail.state in (MailState.DRAFT, MailState.FAILED)
    status = 200
    if request.method == "POST" and editable:
        form = MailForm(request.POST)
        if form.is_valid():
            try:
                services.update_draft(mail, **form.cleaned_data)
            except services.NotEditable:
                messages.error(request, _("This mail was queued or sent meanwhile; it is final."))
            else:
                messages.success(request, _("The draft was saved."))
                if request.POST.get("send"):
                    services.send_drafts([mail])
                    messages.success(request, _("The mail was queued for sending."))
            return redirect("outbox:edit", pk=mail.pk)
        status = 422
    elif request.method == "POST":
        messages.error(request, _("This mail was queued or sent; it can no longer be edited."))
        return redirect("outbox:edit", pk=mail.pk)
    else:
        form = MailForm(
            initial={"to": ", ".join(mail.to), "subject": mail.subject, "body": mail.body}
        )
    return render(
        request,
        "outbox/edit.html",
        {
            "mail": _with_topics([mail])[0],
            "form": form,
            "editable": editable,
            "recipients": selectors.recipient_languages(mail),
        },
        status=status,
    )
