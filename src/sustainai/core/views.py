from django.shortcuts import render

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
