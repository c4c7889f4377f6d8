from django.shortcuts import render
from django.views import i18n
from django.views.decorators.http import require_POST

from sustainai.core import languages, registry
from sustainai.core.permissions import permission_required, public


@public
def home(request):
    return render(
        request,
        "core/home.html",
        {"figures": registry.home_figures(), "cards": registry.home_cards(request.user)},
    )


@permission_required("core.view_coordination")
def coordination(request):
    return render(
        request,
        "core/coordination.html",
        {"board": registry.coordination_board(request.user)},
    )


@public
@require_POST
def set_language(request):
    """Django's language switch; a signed-in person's choice is also recorded for their e-mails."""
    response = i18n.set_language(request)
    languages.remember(request.user, request.POST.get("language"))
    return response
