from django.shortcuts import render
from django.views import i18n
from django.views.decorators.http import require_POST

from sustainai.core import languages
from sustainai.core.permissions import permission_required, public
from sustainai.core.selectors import platform_figures


@public
def home(request):
    return render(request, "core/home.html", {"figures": platform_figures()})


@permission_required("core.view_coordination")
def coordination(request):
    return render(request, "core/coordination.html")


@public
def placeholder(request, **kwargs):
    """Temporary page of the skeleton; each app replaces its own (none may remain at release)."""
    return render(request, "core/placeholder.html", status=501)


@public
@require_POST
def set_language(request):
    """Django's language switch; a signed-in person's choice is also recorded for their e-mails."""
    response = i18n.set_language(request)
    languages.remember(request.user, request.POST.get("language"))
    return response
